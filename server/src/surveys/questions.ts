/** Question kinds of a survey (seed 26): 1-5 rating, one choice, free text, 0-10 NPS. */
export type Question =
  | { id: string; kind: 'rating'; text: { fa: string; en: string }; required: boolean }
  | { id: string; kind: 'nps'; text: { fa: string; en: string }; required: boolean }
  | {
      id: string;
      kind: 'choice';
      text: { fa: string; en: string };
      options: Array<{ value: string; label: { fa: string; en: string } }>;
      required: boolean;
    }
  | { id: string; kind: 'text'; text: { fa: string; en: string }; required: boolean };

const comment: Question = {
  id: 'comment',
  kind: 'text',
  text: { fa: 'توضیح بیشتری دارید؟', en: 'Anything else you would like to tell us?' },
  required: false,
};

export const CSAT_QUESTIONS: Question[] = [
  {
    id: 'score',
    kind: 'rating',
    text: {
      fa: 'از پاسخ‌گویی ما چقدر راضی بودید؟',
      en: 'How satisfied are you with how we handled your request?',
    },
    required: true,
  },
  comment,
];

export const COMPLAINT_CHECK_QUESTIONS: Question[] = [
  {
    id: 'resolved',
    kind: 'choice',
    text: { fa: 'آیا شکایت شما برطرف شد؟', en: 'Was your complaint resolved?' },
    options: [
      { value: 'yes', label: { fa: 'بله', en: 'Yes' } },
      { value: 'partly', label: { fa: 'تا حدی', en: 'Partly' } },
      { value: 'no', label: { fa: 'خیر', en: 'No' } },
    ],
    required: true,
  },
  {
    id: 'score',
    kind: 'rating',
    text: {
      fa: 'از رسیدگی به شکایتتان چقدر راضی هستید؟',
      en: 'How satisfied are you with how your complaint was handled?',
    },
    required: true,
  },
  comment,
];

export type AnswerValue = string | number;

/** Checks answers against the questions; returns the cleaned answers or the problems. */
export function checkAnswers(
  questions: Question[],
  answers: Record<string, AnswerValue>,
):
  | { ok: true; answers: Array<{ question: string; value: AnswerValue }> }
  | { ok: false; problems: Array<{ question: string; message: string }> } {
  const problems: Array<{ question: string; message: string }> = [];
  const clean: Array<{ question: string; value: AnswerValue }> = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers))
    if (!known.has(id)) problems.push({ question: id, message: 'not a question of this survey' });
  for (const q of questions) {
    const value = answers[q.id];
    if (value === undefined || value === '') {
      if (q.required) problems.push({ question: q.id, message: 'an answer is required' });
      continue;
    }
    const bad = (message: string) => problems.push({ question: q.id, message });
    if (q.kind === 'rating' || q.kind === 'nps') {
      const [min, max] = q.kind === 'rating' ? [1, 5] : [0, 10];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        bad(`a whole number from ${min} to ${max}`);
      else clean.push({ question: q.id, value });
    } else if (q.kind === 'choice') {
      if (!q.options.some((o) => o.value === value)) bad('not one of the options');
      else clean.push({ question: q.id, value });
    } else if (typeof value !== 'string' || value.length > 2000) bad('text up to 2000 characters');
    else clean.push({ question: q.id, value: value.trim() });
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers: clean };
}
