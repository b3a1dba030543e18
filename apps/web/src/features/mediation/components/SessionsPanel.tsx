import { useId, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LIMITS, SESSION_MODES, type PartyView, type SessionMode, type SessionView } from '@tiaojie/contracts';
import { validateIdNumber } from '@tiaojie/domain';
import { FieldErrorText } from '../../../components/ui/FieldErrorText';
import { NativeSelect } from '../../../components/ui/NativeSelect';
import { isApiError } from '../../../lib/api';
import { useCountdown } from '../../auth/hooks/useCountdown';
import { describeMediationError } from '../errors';
import { useCheckIn, useCheckInCode, useConsentToSession, useScheduleSession, useSessions } from '../hooks/useMediationQueries';
import { CheckboxField, Notice } from './LightControls';
import { useMediation } from './MediationContext';

const DURATIONS = [30, 60, 90, 120];

/** A labelled native input, marked invalid (red, and for screen readers) when `invalid`. */
function InputField({ label, invalid, className, ...input }: { label: string; invalid: boolean } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input {...input} id={id} className={`native-input${className ? ` ${className}` : ''}${invalid ? ' is-error' : ''}`} aria-invalid={invalid || undefined} />
    </>
  );
}

/** A form's cancel and submit buttons. */
function FormButtons({ cancel, onCancel, submit, pending, testId }: { cancel: string; onCancel: () => void; submit: string; pending: boolean; testId: string }) {
  return (
    <div className="button-row">
      <Button onClick={onCancel}>{cancel}</Button>
      <Button type="primary" htmlType="submit" loading={pending} data-testid={testId}>
        {submit}
      </Button>
    </div>
  );
}

interface SegmentedFieldProps<T extends string | boolean> {
  label: string;
  choices: readonly T[];
  value: T;
  onChange: (value: T) => void;
  labelOf: (choice: T) => string;
  testIdOf: (choice: T) => string;
}

/** A labelled row of native radios drawn as a segmented control. */
function SegmentedField<T extends string | boolean>({ label, choices, value, onChange, labelOf, testIdOf }: SegmentedFieldProps<T>) {
  const id = useId();
  return (
    <>
      <div className="field-label" id={id}>
        {label}
      </div>
      <div className="segmented segmented-wrap" role="radiogroup" aria-labelledby={id}>
        {choices.map((choice) => (
          <label key={String(choice)} className={`segmented-item${value === choice ? ' is-checked' : ''}`}>
            <input type="radio" name={`${id}-choice`} checked={value === choice} onChange={() => onChange(choice)} data-testid={testIdOf(choice)} />
            <span>{labelOf(choice)}</span>
          </label>
        ))}
      </div>
    </>
  );
}

/**
 * R14: identity re-confirmed by the code sent by SMS to the registered mobile (nothing the case
 * page prints), the warning against sham mediation acknowledged. A party with no ID number
 * recorded gives it first (checked like a filing, libs/domain/src/identity.ts).
 */
function CheckInForm({ session, needsId, onDone }: { session: SessionView; needsId: boolean; onDone: () => void }) {
  const { t } = useTranslation('mediation');
  const { caseId } = useMediation();
  const checkIn = useCheckIn(caseId);
  const sendCode = useCheckInCode();
  const { remaining, start } = useCountdown();
  const [askId, setAskId] = useState(needsId);
  const [idNumber, setIdNumber] = useState('');
  const [code, setCode] = useState('');
  const [warned, setWarned] = useState(false);
  const [touched, setTouched] = useState(false);
  const [idTouched, setIdTouched] = useState(false);
  const idValid = !askId || validateIdNumber(idNumber).valid;
  const codeValid = new RegExp(`^\\d{${LIMITS.otpLength}}$`).test(code);
  const idOf = () => (askId ? idNumber.trim().toUpperCase() : undefined);
  const asksForId = (error: unknown) => isApiError(error) && !!error.body.fields?.some((f) => f.field === 'idNumber' && f.constraint === 'noIdRecorded');
  const requestCode = () => {
    setIdTouched(true);
    if (!idValid) return;
    sendCode.mutate(
      { sessionId: session.id, request: idOf() ? { idNumber: idOf() } : {} },
      {
        onSuccess: (r) => start(r.resendInSeconds || LIMITS.otpResendSeconds),
        onError: (error) => asksForId(error) && setAskId(true),
      },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setIdTouched(true);
    if (!idValid || !codeValid || !warned) return;
    const id = idOf();
    checkIn.mutate(
      { sessionId: session.id, request: { code, shamWarningAcknowledged: true, ...(id ? { idNumber: id } : {}) } },
      { onSuccess: onDone, onError: (error) => asksForId(error) && setAskId(true) },
    );
  };
  const error = checkIn.error ?? sendCode.error;
  return (
    <form className="med-form checkin-form" onSubmit={submit} data-testid="checkin-form" noValidate>
      <Notice type="warning" title={t('checkIn.warningTitle')} testId="sham-warning">
        {t('checkIn.warning')}
      </Notice>
      {askId && (
        <>
          <InputField
            label={t('checkIn.idNumber')}
            invalid={idTouched && !idValid}
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value.trim().slice(0, 18))}
            maxLength={18}
            autoComplete="off"
            data-testid="checkin-id-number"
          />
          <p className="hint text-secondary">
            {t('checkIn.idNumberHint')} {/* Issue #11: the control that records it for good (R14). */}
            <Link to="/profile" data-testid="checkin-profile-link">
              {t('checkIn.recordInProfile')}
            </Link>
          </p>
          {idTouched && !idValid && (
            <p className="field-error" data-testid="checkin-id-invalid">
              {t('checkIn.idNumberInvalid')}
            </p>
          )}
        </>
      )}
      <p className="hint text-secondary">{t('checkIn.codeHint')}</p>
      <Button onClick={requestCode} loading={sendCode.isPending} disabled={remaining > 0} data-testid="checkin-code-send">
        {remaining > 0 ? t('checkIn.codeCountdown', { seconds: remaining }) : sendCode.isSuccess ? t('checkIn.codeResend') : t('checkIn.codeSend')}
      </Button>
      {sendCode.isSuccess && (
        <p className="hint" data-testid="checkin-code-sent">
          {t('checkIn.codeSent')}
        </p>
      )}
      <InputField
        label={t('checkIn.code')}
        invalid={touched && !codeValid}
        className="checkin-code"
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, LIMITS.otpLength))}
        maxLength={LIMITS.otpLength}
        inputMode="numeric"
        autoComplete="one-time-code"
        data-testid="checkin-code"
      />
      {touched && !codeValid && <p className="field-error">{t('checkIn.codeInvalid', { digits: LIMITS.otpLength })}</p>}
      <CheckboxField checked={warned} onChange={setWarned} testId="checkin-warning">
        {t('checkIn.acknowledge')}
      </CheckboxField>
      {touched && !warned && <p className="field-error">{t('checkIn.acknowledgeRequired')}</p>}
      <FieldErrorText as="p" testId="checkin-error">
        {error && (
          <>
            {describeMediationError(error)}
            {/* Issue #11: "no ID recorded" links to where it is recorded (R14). */}
            {asksForId(error) && (
              <>
                {' '}
                <Link to="/profile" data-testid="checkin-error-profile-link">
                  {t('checkIn.recordInProfile')}
                </Link>
              </>
            )}
          </>
        )}
      </FieldErrorText>
      <FormButtons cancel={t('checkIn.cancel')} onCancel={onDone} submit={t('checkIn.submit')} pending={checkIn.isPending} testId="checkin-submit" />
    </form>
  );
}

function SessionItem({ session, parties }: { session: SessionView; parties: PartyView[] }) {
  const { t } = useTranslation('mediation');
  const { caseId, isMediator } = useMediation();
  const consent = useConsentToSession(caseId);
  const [checkingIn, setCheckingIn] = useState(false);
  const names = session.partyIds.map((id) => parties.find((p) => p.id === id)?.name ?? '').filter(Boolean);
  // The viewer's own party in this session (its ID number is shown to itself, masked).
  const ownParty = parties.find((p) => p.isViewer && session.partyIds.includes(p.id));
  const cancelled = session.status === 'cancelled';
  const viewer = session.viewer;
  const needsConsent = !isMediator && session.separate && viewer && !viewer.consented;
  const mayCheckIn = !cancelled && viewer && !viewer.checkedIn && (isMediator || !session.separate || viewer.consented);
  return (
    <li className="session-item" data-testid="session-item" data-id={session.id} data-separate={session.separate} data-mode={session.mode}>
      <div className="session-when">
        <strong>{dayjs(session.startsAt).format(t('dateTimeFormat'))}</strong>
        <span className="text-secondary"> · {t('sessions.minutes', { count: session.durationMinutes })}</span>
      </div>
      <div className="session-what">
        <span className="chip">{t(`sessions.modes.${session.mode}`)}</span>
        <span className="chip">{session.separate ? t('sessions.separate') : t('sessions.joint')}</span>
        {cancelled && <span className="chip chip-orange">{t('sessions.cancelled')}</span>}
        {viewer?.checkedIn && (
          <span className="chip chip-green" data-testid="session-checked-in">
            {t('sessions.checkedIn')}
          </span>
        )}
      </div>
      <div className="session-who text-secondary">
        {session.separate ? t('sessions.with', { names: names.join(t('listSeparator')) }) : t('sessions.everyone')}
        {session.separate && isMediator && <> · {t('sessions.consents', { given: session.consentedPartyIds.length, total: session.partyIds.length })}</>}
        {isMediator && <span data-testid="session-checked-in-count"> · {t('sessions.checkedInCount', { given: session.checkedInPartyIds.length, total: session.partyIds.length })}</span>}
      </div>
      {needsConsent && (
        <div className="session-consent">
          <p className="hint">{t('sessions.consentExplain')}</p>
          {consent.isError && (
            <p className="field-error" role="alert">
              {describeMediationError(consent.error)}
            </p>
          )}
          <Button type="primary" size="small" loading={consent.isPending} onClick={() => consent.mutate(session.id)} data-testid="session-consent">
            {t('sessions.consent')}
          </Button>
        </div>
      )}
      {!needsConsent && session.separate && !isMediator && viewer?.consented && <p className="hint text-secondary">{t('sessions.consented')}</p>}
      {mayCheckIn && !checkingIn && (
        <Button size="small" onClick={() => setCheckingIn(true)} data-testid="session-check-in">
          {t('sessions.checkIn')}
        </Button>
      )}
      {mayCheckIn && checkingIn && <CheckInForm session={session} needsId={!isMediator && ownParty?.idNumberMasked === null} onDone={() => setCheckingIn(false)} />}
    </li>
  );
}

/** Mediator: schedules a session — a time, text / video / on site, joint or a separate slot with chosen parties (R13). */
function ScheduleForm({ parties, onDone }: { parties: PartyView[]; onDone: () => void }) {
  const { t } = useTranslation('mediation');
  const { caseId } = useMediation();
  const schedule = useScheduleSession(caseId);
  const [startsAt, setStartsAt] = useState(() => dayjs().add(1, 'day').hour(10).minute(0).format('YYYY-MM-DDTHH:mm'));
  const [duration, setDuration] = useState('60');
  const [mode, setMode] = useState<SessionMode>('video');
  const [separate, setSeparate] = useState(false);
  const [partyIds, setPartyIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { duration: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = dayjs(startsAt);
    if (!startsAt || !at.isValid()) return setProblem(t('schedule.timeRequired'));
    if (at.isBefore(dayjs().add(5, 'minute'))) return setProblem(t('constraints.future'));
    if (separate && partyIds.length === 0) return setProblem(t('schedule.partiesRequired'));
    setProblem(null);
    schedule.mutate({ startsAt: at.toISOString(), durationMinutes: Number(duration), mode, separate, partyIds: separate ? partyIds : parties.map((p) => p.id) }, { onSuccess: onDone });
  };
  return (
    <form className="med-form schedule-form" onSubmit={submit} data-testid="schedule-form" noValidate>
      <div className="med-form-title">{t('schedule.title')}</div>
      <InputField label={t('schedule.startsAt')} invalid={false} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} data-testid="schedule-starts-at" />
      <label className="field-label" htmlFor={ids.duration}>
        {t('schedule.duration')}
      </label>
      <NativeSelect
        id={ids.duration}
        value={duration}
        onChange={setDuration}
        options={DURATIONS.map((m) => ({ value: String(m), label: t('sessions.minutes', { count: m }) }))}
        data-testid="schedule-duration"
      />
      <SegmentedField label={t('schedule.mode')} choices={SESSION_MODES} value={mode} onChange={setMode} labelOf={(m) => t(`sessions.modes.${m}`)} testIdOf={(m) => `schedule-mode-${m}`} />
      <SegmentedField
        label={t('schedule.kind')}
        choices={[false, true]}
        value={separate}
        onChange={setSeparate}
        labelOf={(value) => (value ? t('sessions.separate') : t('sessions.joint'))}
        testIdOf={(value) => `schedule-${value ? 'separate' : 'joint'}`}
      />
      {separate && (
        <div className="schedule-parties">
          <p className="hint text-secondary">{t('schedule.separateHint')}</p>
          {parties.map((p) => (
            <CheckboxField
              key={p.id}
              checked={partyIds.includes(p.id)}
              onChange={(checked) => setPartyIds((ids) => (checked ? [...ids, p.id] : ids.filter((x) => x !== p.id)))}
              testId="schedule-party"
              data={{ name: p.name }}
            >
              {p.name}
            </CheckboxField>
          ))}
        </div>
      )}
      <FieldErrorText as="p" testId="schedule-error">
        {(problem || schedule.isError) && (problem ?? describeMediationError(schedule.error))}
      </FieldErrorText>
      <FormButtons cancel={t('schedule.cancel')} onCancel={onDone} submit={t('schedule.submit')} pending={schedule.isPending} testId="schedule-submit" />
    </form>
  );
}

/** Scheduled sessions of the case (a party sees only those it is in), consent to separate slots, check-in. */
export function SessionsPanel() {
  const { t } = useTranslation('mediation');
  const { caseId, detail, isMediator, writable } = useMediation();
  const sessions = useSessions(caseId);
  const [scheduling, setScheduling] = useState(false);
  const parties = detail?.parties ?? [];
  const list = sessions.data ?? [];
  return (
    <section className="sessions" data-testid="sessions-panel" aria-labelledby="sessions-title">
      <div className="sessions-head">
        <h3 className="subsection-title" id="sessions-title">
          {t('sessions.title')}
        </h3>
        {isMediator && writable && !scheduling && (
          <Button size="small" onClick={() => setScheduling(true)} data-testid="schedule-open">
            {t('schedule.open')}
          </Button>
        )}
      </div>
      {scheduling && <ScheduleForm parties={parties} onDone={() => setScheduling(false)} />}
      {sessions.isError && <p className="field-error">{describeMediationError(sessions.error)}</p>}
      {sessions.isSuccess && list.length === 0 && (
        <p className="hint text-secondary" data-testid="sessions-empty">
          {t(isMediator ? 'sessions.noneMediator' : 'sessions.none')}
        </p>
      )}
      {list.length > 0 && (
        <ul className="session-list">
          {list.map((s) => (
            <SessionItem key={s.id} session={s} parties={parties} />
          ))}
        </ul>
      )}
    </section>
  );
}
