import type { PlacementMode, PlacementStatus } from './placements.repo.js';

export const PLACEMENT_MODE_LABELS: Readonly<Record<PlacementMode, string>> = { reference: '引用', copy: '复制' };

export const PLACEMENT_STATUS_LABELS: Readonly<Record<PlacementStatus, string>> = {
  pending: '待接收栏目审核', accepted: '已采用', declined: '未予采用', removed: '已移除',
};
