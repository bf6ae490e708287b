import type { ThemeConfig } from 'antd';

/**
 * Colours chosen for WCAG 2 AA (4.5:1 for text). antd's defaults fail it in places: the
 * primary blue #1677ff gives 4.1:1 under white button text, the green status tag 3.4:1, and
 * secondary text at 45% black 3.4:1. Darker seeds fix the derived palettes at the source.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorError: '#cf1322',
    // Derived backgrounds of such dark seeds come out greyish and too dark for the text on
    // them (2.7:1), so the light tints are named outright.
    // Hover and pressed shades stay dark enough for white button text (hover 5.1:1).
    colorPrimaryHover: '#1f6ad9',
    colorPrimaryActive: '#003eb3',
    colorLinkHover: '#1f6ad9',
    colorLinkActive: '#003eb3',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorPrimaryBg: '#e6f4ff',
    colorPrimaryBgHover: '#bae0ff',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
    borderRadius: 4,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 24px' },
  },
};
