import type { WidgetLocale } from '../protocol';

export interface FrameText {
  title: string;
  close: string;
  welcome: string;
  welcomeByName: (name: string) => string;
}

export const FRAME_TEXT: Record<WidgetLocale, FrameText> = {
  fa: {
    title: 'گفتگوی پشتیبانی',
    close: 'بستن',
    welcome: 'سلام! کارشناسان خدمات پس از فروش آماده‌ی پاسخ‌گویی به شما هستند.',
    welcomeByName: (name) =>
      `سلام ${name}! کارشناسان خدمات پس از فروش آماده‌ی پاسخ‌گویی به شما هستند.`,
  },
  en: {
    title: 'Support chat',
    close: 'Close',
    welcome: 'Hello! Our after-sales experts are here to help you.',
    welcomeByName: (name) => `Hello ${name}! Our after-sales experts are here to help you.`,
  },
};
