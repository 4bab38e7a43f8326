import { Router } from 'express';

/** `/demo`: a stand-in for the company's website, with the chat widget embedded by one tag. */
export function demoPageRoutes(): Router {
  const router = Router();
  router.get('/demo', (req, res) => {
    const locale = req.query.lang === 'en' ? 'en' : 'fa';
    const t =
      locale === 'fa'
        ? {
            title: 'مهر کبودان دیلم — خدمات پس از فروش',
            lead: 'برای گفت‌وگو با کارشناسان پشتیبانی، دکمه گفت‌وگو را در پایین صفحه بزنید.',
            other: 'English',
          }
        : {
            title: 'Mehr Kabudan Deylam — after-sales service',
            lead: 'To chat with our support experts, press the chat button at the bottom of the page.',
            other: 'فارسی',
          };
    res.type('html').send(`<!doctype html>
<html lang="${locale}" dir="${locale === 'fa' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.7}</style>
</head>
<body>
<h1>${t.title}</h1>
<p>${t.lead}</p>
<p><a href="/demo?lang=${locale === 'fa' ? 'en' : 'fa'}">${t.other}</a></p>
<script src="/widget.js" data-key="demo" data-locale="${locale}" async></script>
</body>
</html>`);
  });
  return router;
}
