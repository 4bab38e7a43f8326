import type { WidgetLocale } from '../protocol';

const fa = {
  title: 'گفتگوی پشتیبانی',
  close: 'بستن',
  tabChat: 'گفتگو',
  tabSelfService: 'پیگیری و راهنما',
  welcome: 'سلام! کارشناسان خدمات پس از فروش آماده‌ی پاسخ‌گویی به شما هستند.',
  welcomeByName: (name: string) =>
    `سلام ${name}! کارشناسان خدمات پس از فروش آماده‌ی پاسخ‌گویی به شما هستند.`,
  connecting: 'در حال اتصال…',
  reconnecting: 'اتصال قطع شد؛ در حال اتصال دوباره…',
  refused: 'گفتگو روی این وب‌سایت در دسترس نیست.',
  name: 'نام',
  phone: 'شماره موبایل',
  email: 'ایمیل',
  phoneOrEmail: 'شماره موبایل یا ایمیل را وارد کنید.',
  badPhone: 'شماره تلفن درست نیست (مثال: ۰۹۱۲۱۲۳۴۵۶۷).',
  badEmail: 'ایمیل درست نیست.',
  required: 'این بخش را پر کنید.',
  topic: 'موضوع',
  topicNone: 'انتخاب کنید (اختیاری)',
  serial: 'شماره سریال دستگاه (اختیاری)',
  serialChecking: 'در حال بررسی…',
  serialNotFound: 'این شماره سریال پیدا نشد.',
  startChat: 'شروع گفتگو',
  verified: 'مشخصات شما از حساب کاربری‌تان است.',
  queue: (position: string, wait: string) =>
    `در صف انتظار هستید: نفر ${position}، زمان تقریبی انتظار ${wait}.`,
  waiting: 'در انتظار اتصال به کارشناس…',
  minutes: (n: string) => `${n} دقیقه`,
  underMinute: 'کمتر از یک دقیقه',
  assigned: (name: string) => `${name} پاسخ‌گوی شماست.`,
  typing: (name: string) => `${name} در حال نوشتن است…`,
  expert: 'کارشناس',
  you: 'شما',
  system: 'سامانه',
  message: 'پیام',
  messagePlaceholder: 'پیام خود را بنویسید…',
  send: 'ارسال',
  attach: 'پیوست عکس یا PDF',
  sending: 'در حال ارسال…',
  sent: 'ارسال شد',
  read: 'خوانده شد',
  failed: 'ارسال نشد؛ دوباره تلاش کنید',
  retry: 'ارسال دوباره',
  tooLarge: (max: string) => `حجم پرونده بیش از ${max} مگابایت است.`,
  attachmentDropped: 'این پیوست پذیرفته نشد',
  download: 'دریافت',
  endChat: 'پایان گفتگو',
  endConfirm: 'گفتگو پایان یابد؟',
  endYes: 'بله، پایان',
  endNo: 'ادامه',
  ended: 'گفتگو به پایان رسید.',
  rateTitle: 'از این گفتگو چقدر راضی بودید؟',
  stars: (n: string) => `${n} از ۵`,
  comment: 'نظر شما (اختیاری)',
  submitRating: 'ثبت نظر',
  thanksRating: 'از نظر شما سپاسگزاریم.',
  transcriptTitle: 'متن گفتگو را برایم ایمیل کن',
  sendTranscript: 'ارسال متن گفتگو',
  transcriptSent: (to: string) => `متن گفتگو به ${to} فرستاده شد.`,
  newChat: 'گفتگوی تازه',
  offlineNoExpert: 'اکنون کارشناسی در دسترس نیست.',
  offlineClosed: 'اکنون خارج از ساعت کاری هستیم.',
  offlineLead: 'پیام بگذارید تا از راه ایمیل یا پیامک پاسخ دهیم، یا درخواست تماس ثبت کنید.',
  offlineMessageTab: 'گذاشتن پیام',
  callbackTab: 'درخواست تماس',
  yourMessage: 'پیام شما',
  sendOffline: 'ثبت پیام',
  callbackFrom: 'از ساعت',
  callbackTo: 'تا ساعت',
  callbackDay: 'روز',
  today: 'امروز',
  tomorrow: 'فردا',
  requestCallback: 'درخواست تماس',
  offlineDone: (label: string) => `پیام شما با شماره ${label} ثبت شد. به زودی پاسخ می‌دهیم.`,
  callbackDone: (label: string) => `درخواست تماس با شماره ${label} ثبت شد. با شما تماس می‌گیریم.`,
  backToStart: 'بازگشت',
  serialLookup: 'وضعیت گارانتی دستگاه',
  serialLookupButton: 'بررسی',
  coverage: {
    'gold-guarantee': 'در گارانتی طلایی',
    warranty: 'در ضمانت (وارانتی)',
    'out-of-warranty': 'خارج از ضمانت',
    'not-delivered': 'هنوز تحویل نشده',
  },
  guaranteeUntil: (d: string) => `گارانتی تا ${d}`,
  warrantyUntil: (d: string) => `ضمانت تا ${d}`,
  knowledge: 'جست‌وجو در راهنماها',
  knowledgeButton: 'جست‌وجو',
  knowledgeNone: 'مطلبی پیدا نشد.',
  rateLimited: (s: string) => `درخواست‌ها زیاد است؛ ${s} ثانیه دیگر دوباره تلاش کنید.`,
  error: 'خطایی رخ داد؛ دوباره تلاش کنید.',
  newMessage: 'پیام تازه از پشتیبانی',
};

export type FrameText = typeof fa;

const en: FrameText = {
  title: 'Support chat',
  close: 'Close',
  tabChat: 'Chat',
  tabSelfService: 'Self-service',
  welcome: 'Hello! Our after-sales experts are here to help you.',
  welcomeByName: (name) => `Hello ${name}! Our after-sales experts are here to help you.`,
  connecting: 'Connecting…',
  reconnecting: 'Connection lost; reconnecting…',
  refused: 'Chat is not available on this website.',
  name: 'Name',
  phone: 'Mobile number',
  email: 'Email',
  phoneOrEmail: 'Give a mobile number or an email.',
  badPhone: 'That phone number does not look right (e.g. 0912 123 4567).',
  badEmail: 'That email does not look right.',
  required: 'Please fill this in.',
  topic: 'Topic',
  topicNone: 'Choose (optional)',
  serial: 'Product serial number (optional)',
  serialChecking: 'Checking…',
  serialNotFound: 'Serial number not found.',
  startChat: 'Start chat',
  verified: 'Your details come from your account.',
  queue: (position, wait) => `You are number ${position} in the queue; estimated wait ${wait}.`,
  waiting: 'Waiting for an expert…',
  minutes: (n) => `${n} min`,
  underMinute: 'under a minute',
  assigned: (name) => `${name} is helping you.`,
  typing: (name) => `${name} is typing…`,
  expert: 'Expert',
  you: 'You',
  system: 'System',
  message: 'Message',
  messagePlaceholder: 'Type your message…',
  send: 'Send',
  attach: 'Attach a photo or PDF',
  sending: 'Sending…',
  sent: 'Sent',
  read: 'Read',
  failed: 'Not sent; try again',
  retry: 'Retry',
  tooLarge: (max) => `The file is larger than ${max} MB.`,
  attachmentDropped: 'This attachment was refused',
  download: 'Download',
  endChat: 'End chat',
  endConfirm: 'End this chat?',
  endYes: 'Yes, end it',
  endNo: 'Keep chatting',
  ended: 'The chat has ended.',
  rateTitle: 'How satisfied were you with this chat?',
  stars: (n) => `${n} of 5`,
  comment: 'Your comment (optional)',
  submitRating: 'Send rating',
  thanksRating: 'Thank you for your feedback.',
  transcriptTitle: 'Email me the transcript',
  sendTranscript: 'Send transcript',
  transcriptSent: (to) => `The transcript was sent to ${to}.`,
  newChat: 'New chat',
  offlineNoExpert: 'No expert is available right now.',
  offlineClosed: 'We are outside business hours right now.',
  offlineLead: 'Leave a message and we will answer by email or SMS, or ask us to call you back.',
  offlineMessageTab: 'Leave a message',
  callbackTab: 'Request a callback',
  yourMessage: 'Your message',
  sendOffline: 'Send message',
  callbackFrom: 'From',
  callbackTo: 'To',
  callbackDay: 'Day',
  today: 'Today',
  tomorrow: 'Tomorrow',
  requestCallback: 'Request callback',
  offlineDone: (label) => `Your message was recorded as ${label}. We will answer soon.`,
  callbackDone: (label) => `Your callback request was recorded as ${label}. We will call you.`,
  backToStart: 'Back',
  serialLookup: 'Guarantee status of a product',
  serialLookupButton: 'Check',
  coverage: {
    'gold-guarantee': 'Under gold guarantee',
    warranty: 'Under warranty',
    'out-of-warranty': 'Out of warranty',
    'not-delivered': 'Not delivered yet',
  },
  guaranteeUntil: (d) => `Guarantee until ${d}`,
  warrantyUntil: (d) => `Warranty until ${d}`,
  knowledge: 'Search the help articles',
  knowledgeButton: 'Search',
  knowledgeNone: 'No articles found.',
  rateLimited: (s) => `Too many requests; try again in ${s} s.`,
  error: 'Something went wrong; please try again.',
  newMessage: 'New message from support',
};

export const FRAME_TEXT: Record<WidgetLocale, FrameText> = { fa, en };

const TIME_ZONE = 'Asia/Tehran';
const intlLocale = (locale: WidgetLocale) => (locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB');

export const formatNumber = (value: number, locale: WidgetLocale) =>
  new Intl.NumberFormat(intlLocale(locale)).format(value);

export const formatTime = (iso: string, locale: WidgetLocale) =>
  new Intl.DateTimeFormat(intlLocale(locale), {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));

export const formatDateTime = (iso: string, locale: WidgetLocale) =>
  new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));

/** A calendar day "YYYY-MM-DD" in the locale's calendar (Jalali for fa). */
export function formatDay(isoDay: string, locale: WidgetLocale): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year!, month! - 1, day!)));
}

export function formatWait(seconds: number, locale: WidgetLocale): string {
  const t = FRAME_TEXT[locale];
  if (seconds < 60) return t.underMinute;
  return t.minutes(formatNumber(Math.round(seconds / 60), locale));
}

/** Persian and Arabic-Indic digits as ASCII, for what the visitor types into number fields. */
export const toLatinDigits = (s: string) =>
  s
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
