import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** A plain full-page message (antd's Result would bring its illustrations into the first chunk). */
export function StatusPage({ title, text, extra }: { title: string; text?: string; extra?: ReactNode }) {
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '64px 16px', textAlign: 'center' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {title}
      </Typography.Title>
      {text && <Typography.Paragraph type="secondary">{text}</Typography.Paragraph>}
      {extra}
    </Flex>
  );
}
