import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chart as ChartType, ChartConfiguration } from 'chart.js';
import { useI18n } from '../../i18n/context';
import { intlLocale } from '../../i18n/format';

export interface ChartSeries {
  label: string;
  data: number[];
  type?: 'bar' | 'line';
  /** 'y2' puts the series on a second (percent) axis. */
  axis?: 'y' | 'y2';
}

const COLOURS = ['#2563eb', '#f97316', '#16a34a', '#9333ea', '#dc2626', '#0891b2'];

/** Chart.js is fetched the first time a chart is shown, so the console's first load stays small. */
const loadChart = () => import('chart.js/auto').then((m) => m.default);

/** Charts export as PNG with a white background instead of a transparent one. */
const whiteBackground = {
  id: 'white-background',
  beforeDraw(chart: ChartType) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * One chart with a PNG download. In Persian the category axis runs right to left, the value axis
 * sits on the right, and numbers use Persian digits (Chart.js formats ticks with `locale`).
 */
export function ReportChart({
  name,
  title,
  kind,
  labels,
  series,
}: {
  name: string;
  title: string;
  kind: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
}) {
  const { locale, t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartType | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void loadChart().then((Chart) => {
      if (cancelled || !canvas.current) return;
      const rtl = locale === 'fa';
      const font = getComputedStyle(document.body).fontFamily;
      Chart.defaults.font.family = font;
      const config: ChartConfiguration = {
        type: kind,
        data: {
          labels,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.data,
            type: s.type ?? kind,
            yAxisID: s.axis ?? 'y',
            backgroundColor: COLOURS[i % COLOURS.length],
            borderColor: COLOURS[i % COLOURS.length],
            tension: 0.2,
          })),
        },
        options: {
          locale: intlLocale(locale),
          animation: false,
          maintainAspectRatio: false,
          plugins: {
            legend: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
            tooltip: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
          },
          scales: {
            x: { reverse: rtl },
            y: { position: rtl ? 'right' : 'left', beginAtZero: true },
            ...(series.some((s) => s.axis === 'y2')
              ? {
                  y2: {
                    position: rtl ? 'left' : 'right',
                    min: 0,
                    max: 100,
                    grid: { drawOnChartArea: false },
                  },
                }
              : {}),
          },
        },
        plugins: [whiteBackground],
      };
      chart.current?.destroy();
      chart.current = new Chart(canvas.current, config);
      setReady(true);
    });
    return () => {
      cancelled = true;
      chart.current?.destroy();
      chart.current = null;
      setReady(false);
    };
  }, [kind, labels, series, locale]);

  function downloadPng() {
    if (!chart.current) return;
    const link = document.createElement('a');
    link.href = chart.current.toBase64Image('image/png', 1);
    link.download = `${name}.png`;
    link.click();
  }

  return (
    <figure class="report-chart" data-chart={name} data-ready={ready ? 'true' : 'false'}>
      <figcaption>
        <span>{title}</span>
        <button type="button" class="secondary" onClick={downloadPng} disabled={!ready}>
          {t('reports.png')}
        </button>
      </figcaption>
      <div class="report-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
    </figure>
  );
}
