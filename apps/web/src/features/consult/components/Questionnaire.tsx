import { Button, Form, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseCny, QUESTIONNAIRES, type Answers, type DisputeType, type Question } from '@tiaojie/domain';

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

type FormValues = Record<string, boolean | string | undefined>;

/** Questions asked now: those whose `onlyIf` answer is yes. */
function visibleQuestions(questions: Question[], values: FormValues): Question[] {
  return questions.filter((q) => !q.onlyIf || values[q.onlyIf] === true);
}

/**
 * The short questionnaire of one dispute type (libs/domain QUESTIONNAIRES): yes/no as radio
 * buttons, percentages and amounts as number inputs. Calls `onAnswers` with what was asked.
 */
export function Questionnaire({ disputeType, onAnswers }: { disputeType: DisputeType; onAnswers: (answers: Answers) => void }) {
  const { t } = useTranslation('consult');
  const [form] = Form.useForm<FormValues>();
  const values = (Form.useWatch([], form) ?? {}) as FormValues;
  const questions = visibleQuestions(QUESTIONNAIRES[disputeType], values);

  const finish = (all: FormValues) => {
    const answers: Answers = {};
    for (const question of visibleQuestions(QUESTIONNAIRES[disputeType], all)) {
      const value = all[question.id];
      if (value === undefined || value === '') continue;
      if (question.kind === 'amount') answers[question.id] = parseCny(String(value)) ?? String(value);
      else answers[question.id] = question.kind === 'percent' ? String(value) : value;
    }
    onAnswers(answers);
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={finish} data-testid="questionnaire">
      {questions.map((question) => (
        <Form.Item
          key={question.id}
          name={question.id}
          label={t(`questions.${question.id}`)}
          data-testid={`q-${question.id}`}
          rules={[
            { required: true, message: t('required') },
            ...(question.kind === 'percent'
              ? [{ pattern: PERCENT, message: t('percentInvalid') }]
              : question.kind === 'amount'
                ? [
                    {
                      validator: async (_rule: unknown, value?: string) => {
                        if (value && parseCny(String(value)) === null) throw new Error(t('amountInvalid'));
                      },
                    },
                  ]
                : []),
          ]}
        >
          {question.kind === 'yes_no' ? (
            <Radio.Group
              className="yes-no"
              options={[
                { label: t('yes'), value: true },
                { label: t('no'), value: false },
              ]}
            />
          ) : (
            <InputNumber<string>
              stringMode
              min="0"
              max={question.kind === 'percent' ? '999' : undefined}
              step="0.01"
              inputMode="decimal"
              suffix={question.kind === 'percent' ? t('percentSuffix') : undefined}
              placeholder={t(question.kind === 'percent' ? 'percentPlaceholder' : 'amountPlaceholder')}
              className="number-input"
              data-testid={`q-${question.id}-input`}
            />
          )}
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" block size="large" data-testid="consult-evaluate">
        {t('evaluate')}
      </Button>
    </Form>
  );
}
