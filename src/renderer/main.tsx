import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './notices.css';
import {
  createTheme,
  defaultVariantColorsResolver,
  MantineProvider,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

/**
 * Light, subtle and outline variants write their text darker than the darkest shade: Mantine's shade 6 is below
 * 4.5:1 on white, and shade 9 below it on the light variant's tinted background.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const r = defaultVariantColorsResolver(input);
  if (input.variant === 'light' || input.variant === 'subtle' || input.variant === 'outline') {
    const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
    if (parsed.isThemeColor && parsed.color !== 'gray' && parsed.color !== 'dark')
      return { ...r, color: `color-mix(in srgb, var(--mantine-color-${parsed.color}-9) 60%, black)` };
  }
  return r;
};

const theme = createTheme({
  fontFamily:
    '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif',
  primaryColor: 'blue',
  // Contrast (WCAG AA, checked by test/e2e/a11y.test.ts): the darkest shade for filled colours, coloured text and
  // links; black or white text on a filled colour, whichever contrasts more (0.18 is where the two are equal).
  primaryShade: 9,
  autoContrast: true,
  luminanceThreshold: 0.18,
  variantColorResolver,
  defaultRadius: 'sm',
});

/** Dimmed (secondary) text one shade darker than Mantine's default, which is below 4.5:1 on white. */
const cssVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
        {/* Top right, below the header, above dialogs (issue 20): dialogs are centred and at most 780 px wide, so a
            notice beside them never covers a dialog's title (at its left) nor its buttons (at its bottom right — a
            notice there, paused while the pointer rests on it, kept the clerk from pressing 保存), nor the page title
            or the header's 退出登录; at most three at a time. */}
        <Notifications position="top-right" zIndex={1000} limit={3} containerWidth={400} />
        <App />
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
