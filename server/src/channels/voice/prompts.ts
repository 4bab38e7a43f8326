export type CallLanguage = 'fa' | 'en';

/** What the menu says, per language (read with <Say> unless a recorded menu prompt is configured). */
export const PROMPTS = {
  fa: {
    welcome: 'به پشتیبانی خدمات پس از فروش خوش آمدید.',
    closed: 'در حال حاضر خارج از ساعت کاری هستیم.',
    optionCallback: 'برای درخواست تماس، یک را بزنید.',
    optionVoicemail: 'برای گذاشتن پیام صوتی، دو را بزنید.',
    optionExpert: 'برای صحبت با کارشناس، سه را بزنید.',
    invalidChoice: 'گزینه نامعتبر است.',
    callbackOffer:
      'برای تماس با همین شماره، کلید مربع را بزنید. برای شماره‌ای دیگر، شماره را وارد کنید و سپس مربع را بزنید.',
    invalidNumber: 'شماره واردشده معتبر نیست.',
    callbackConfirmed: 'درخواست شما ثبت شد. به‌زودی با شما تماس می‌گیریم. خدانگهدار.',
    voicemailPrompt: 'پس از شنیدن صدای بوق پیام خود را بگذارید و سپس تماس را قطع کنید.',
    voicemailThanks: 'پیام شما ضبط شد. سپاسگزاریم.',
    connecting: 'در حال اتصال به کارشناس. لطفاً منتظر بمانید.',
    noExpert: 'در حال حاضر کارشناسی پاسخگو نیست.',
    goodbye: 'خدانگهدار.',
    bridgeIntro: 'تماس با مشتری برای درخواست',
    customerUnavailable: 'مشتری پاسخ نداد. بعداً دوباره تلاش می‌کنیم.',
  },
  en: {
    welcome: 'Welcome to after-sales support.',
    closed: 'We are outside business hours now.',
    optionCallback: 'To request a callback, press 1.',
    optionVoicemail: 'To leave a voicemail, press 2.',
    optionExpert: 'To speak to an expert now, press 3.',
    invalidChoice: 'That is not a valid choice.',
    callbackOffer:
      'To be called back on this number, press the hash key. To use another number, enter it and then press hash.',
    invalidNumber: 'The number you entered is not valid.',
    callbackConfirmed: 'Thank you. We will call you back soon. Goodbye.',
    voicemailPrompt: 'Please leave your message after the beep, then hang up.',
    voicemailThanks: 'Thank you, your message was recorded.',
    connecting: 'Connecting you to an expert. Please hold.',
    noExpert: 'No expert is available to answer right now.',
    goodbye: 'Goodbye.',
    bridgeIntro: 'Calling the customer for request',
    customerUnavailable: 'The customer did not answer. We will try again later.',
  },
} as const satisfies Record<CallLanguage, Record<string, string>>;

/** Spoken in English on the Persian menu so an English speaker can find their way. */
export const ENGLISH_SWITCH = 'For English, press 9.';

/** Twilio <Say> language codes. */
export const SAY_LANGUAGE = { fa: 'fa-IR', en: 'en-US' } as const;
