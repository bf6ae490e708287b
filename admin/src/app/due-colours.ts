/** Where a case stands against its deadline, as the server's lists report it (letters, error reports). */
export type DueState = 'normal' | 'due_soon' | 'overdue';

/**
 * Red overdue, orange due soon, green on time: the colours every deadline list and chart uses.
 * Dark shades as the text on a pale tint of themselves (antd's filled tag for a custom colour):
 * antd's preset tags (orange, green, volcano) fail WCAG AA contrast.
 */
export const DUE_HEX: Readonly<Record<DueState, string>> = { overdue: '#a8071a', due_soon: '#ad4e00', normal: '#237804' };
