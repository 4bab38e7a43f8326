export const LOCALES = ['fa', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const fa = {
  'app.title': 'کنسول کارشناسان',
  'app.brand': 'مرکز تماس خدمات پس از فروش',
  'app.loading': 'در حال بارگذاری…',
  'locale.fa': 'فارسی',
  'locale.en': 'English',
  'language.label': 'زبان',
  'login.heading': 'ورود به کنسول',
  'login.email': 'ایمیل',
  'login.password': 'گذرواژه',
  'login.submit': 'ورود',
  'login.submitting': 'در حال ورود…',
  'error.invalidCredentials': 'ایمیل یا گذرواژه نادرست است.',
  'error.tooManyAttempts': 'تعداد تلاش‌ها بیش از حد مجاز است. کمی بعد دوباره تلاش کنید.',
  'error.retryAfter': 'تعداد تلاش‌ها بیش از حد مجاز است. {seconds} ثانیه دیگر دوباره تلاش کنید.',
  'error.network': 'ارتباط با سرور برقرار نشد. اتصال شبکه را بررسی کنید و دوباره تلاش کنید.',
  'error.unexpected': 'خطای غیرمنتظره‌ای رخ داد. دوباره تلاش کنید.',
  'shell.welcome': '{name}، خوش آمدید',
  'shell.signOut': 'خروج',
  'role.admin': 'مدیر سامانه',
  'role.supervisor': 'سرپرست',
  'role.expert': 'کارشناس',
};

export type MessageKey = keyof typeof fa;
export type Dictionary = Record<MessageKey, string>;

const en: Dictionary = {
  'app.title': 'Agent console',
  'app.brand': 'After-sales contact centre',
  'app.loading': 'Loading…',
  'locale.fa': 'فارسی',
  'locale.en': 'English',
  'language.label': 'Language',
  'login.heading': 'Sign in to the console',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'error.invalidCredentials': 'The email or password is incorrect.',
  'error.tooManyAttempts': 'Too many attempts. Please wait a little and try again.',
  'error.retryAfter': 'Too many attempts. Please try again in {seconds} seconds.',
  'error.network': 'Could not reach the server. Check your connection and try again.',
  'error.unexpected': 'Something went wrong. Please try again.',
  'shell.welcome': 'Welcome, {name}',
  'shell.signOut': 'Sign out',
  'role.admin': 'Administrator',
  'role.supervisor': 'Supervisor',
  'role.expert': 'Expert',
};

export const dictionaries: Record<Locale, Dictionary> = { fa, en };
