import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import { DUE_HEX, type DueState } from '../../app/due-colours';

/** A tag in one of the dark shades (text contrast ≥ 4.5:1 on its tint). */
export function SolidTag({ color, children, ...rest }: { color: string; children: ReactNode } & Record<`data-${string}`, string>) {
  return (
    <Tag color={color} {...rest}>
      {children}
    </Tag>
  );
}

/** The empty text of a letters table, dark enough for AA (antd's default placeholder grey is not). */
export function EmptyText({ children }: { children: ReactNode }) {
  return <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{children}</span>;
}

export function DueTag({ state }: { state: DueState }) {
  const { t } = useI18n();
  return (
    <SolidTag color={DUE_HEX[state]} data-due={state}>
      {t(`letters.due.${state}`)}
    </SolidTag>
  );
}
