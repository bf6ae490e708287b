import { useState } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { auditApi, type AuditFilters as Filters } from './audit-api';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';
import { VerifyReport } from './verify-report';

export function AuditPage() {
  const { t } = useI18n();
  const showProblem = useShowProblem();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const events = useQuery({
    queryKey: ['audit', 'events', filters, page, pageSize],
    queryFn: () => auditApi.events(filters, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: auditApi.verify, onError: (e) => showProblem(e) });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Flex gap={12}>
          <Button icon={<DownloadOutlined aria-hidden />} href={auditApi.csvUrl(filters)} download>
            {t('audit.export')}
          </Button>
          <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('audit.verify')}
          </Button>
        </Flex>
      </Flex>
      {verify.data && <VerifyReport report={verify.data} onClose={() => verify.reset()} />}
      <Card size="small">
        <AuditFilters
          onApply={(f) => {
            setFilters(f);
            setPage(1);
          }}
        />
      </Card>
      <AuditTable
        items={events.data?.items ?? []}
        total={events.data?.total ?? 0}
        loading={events.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, size) => {
          setPage(size === pageSize ? p : 1);
          setPageSize(size);
        }}
      />
    </Flex>
  );
}
