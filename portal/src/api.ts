/** The portal's calls to the hub's public API (`/api/portal/*`, `/api/surveys/public/*`). */

export interface Coverage {
  state: 'gold-guarantee' | 'warranty' | 'out-of-warranty' | 'not-delivered';
  guaranteeEndsOn: string | null;
  warrantyEndsOn: string;
}

export interface UnitStatus {
  serial: string;
  product: { code: string; name: { fa: string; en: string } };
  coverage: Coverage;
  verified: boolean;
}

export interface OwnerView extends UnitStatus {
  verified: true;
  productionDate: string;
  deliveryDate: string | null;
  documents: Array<{ kind: string; title: string; url: string; locale: string }>;
  tickets: Array<{
    id: string;
    label: string;
    type: string;
    status: string;
    claimStep: string | null;
    createdAt: string;
  }>;
  visits: Array<{
    id: string;
    plannedAt: string;
    status: string;
    workDone: string;
    outcome: string;
  }>;
  session: { token: string; expiresAt: string };
}

export type RequestKind = 'guarantee-claim' | 'service-request' | 'callback';

export interface SurveyQuestion {
  id: string;
  kind: 'rating' | 'nps' | 'choice' | 'text';
  text: { fa: string; en: string };
  options?: Array<{ value: string; label: { fa: string; en: string } }>;
  required: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/api${path}`, init);
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { code: string; message: string } } | null)?.error;
    throw new ApiError(res.status, error?.code ?? 'error', error?.message ?? res.statusText);
  }
  return body as T;
}

const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  },
  body: JSON.stringify(body),
});

export const portalSettings = () => call<{ widgetKey: string }>('/portal/settings');

export const lookup = (serial: string, phoneLast4?: string) =>
  call<UnitStatus | OwnerView>(
    '/portal/lookup',
    json(phoneLast4 ? { serial, phoneLast4 } : { serial }),
  );

export const fileRequest = (
  token: string,
  body: { kind: RequestKind; description: string; requestId: string; locale: string },
) => call<{ ticket: string; label: string }>('/portal/requests', json(body, token));

export const uploadPhoto = (token: string, ticketId: string, file: File) =>
  call<{ name: string }>(
    `/portal/requests/${ticketId}/photos?name=${encodeURIComponent(file.name)}`,
    {
      method: 'POST',
      headers: {
        'Content-Type': file.type || 'application/octet-stream',
        Authorization: `Bearer ${token}`,
      },
      body: file,
    },
  );

export const getSurvey = (token: string) =>
  call<{ kind: string; questions: SurveyQuestion[] }>(
    `/surveys/public/${encodeURIComponent(token)}`,
  );

export const answerSurvey = (token: string, answers: Record<string, string | number>) =>
  call<{ answered: true }>(`/surveys/public/${encodeURIComponent(token)}`, json({ answers }));
