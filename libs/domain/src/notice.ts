/**
 * R02: the notice every participant is shown before mediating — their rights and duties, the
 * legal effect of an agreement and of judicial confirmation, how to use the platform (Rules 7;
 * Invited 14). The text is versioned and lives here, once: the web shows exactly this text and
 * sends its version, and a party's consent records the version it was shown
 * (`case_party.notice_version`), so a record always says which words a person saw.
 * Change a word → change the version (the API then refuses the old one).
 */
export const NOTICE_VERSION = '2026-12-01';

export type NoticeLocale = 'zh-CN' | 'en';
export const NOTICE_ITEMS = ['rights', 'duties', 'agreement', 'confirmation', 'platform'] as const;
export type NoticeItem = (typeof NOTICE_ITEMS)[number];

export interface NoticeText {
  title: string;
  intro: string;
  items: ReadonlyArray<{ key: NoticeItem; title: string; body: string }>;
}

export const NOTICE_TEXT: Readonly<Record<NoticeLocale, NoticeText>> = {
  'zh-CN': {
    title: '权利义务告知书',
    intro: '在线调解开始前，请仔细阅读以下内容。',
    items: [
      {
        key: 'rights',
        title: '您的权利',
        body: '调解是自愿的：您可以同意或拒绝调解，也可以在调解中随时退出。调解员与您有利害关系时，您可以要求其回避，也可以申请更换调解员。人民调解不收费。调解不公开进行：您在单独沟通（背对背）中说的话和提交的材料，未经您同意不会告诉对方。调解不成的，您仍然可以申请仲裁或向人民法院起诉。',
      },
      {
        key: 'duties',
        title: '您的义务',
        body: '如实陈述纠纷事实，不提供虚假材料；遵守调解秩序，尊重对方当事人和调解员；不得通过虚假调解损害国家利益、社会公共利益或他人合法权益，虚假调解将被报告并依法追究责任；妥善保管您的账号和短信验证码。',
      },
      {
        key: 'agreement',
        title: '调解协议的效力',
        body: '经调解达成的调解协议具有法律约束力，当事人应当按照约定履行。双方为达成协议而作出的让步，不作为以后诉讼中对其不利的证据，双方确认的无争议事实除外。',
      },
      {
        key: 'confirmation',
        title: '司法确认',
        body: '调解协议生效之日起 30 日内，双方可以共同向人民法院申请司法确认。法院确认有效后，一方拒绝履行或者未全部履行的，对方可以向法院申请强制执行。申请司法确认不收费。',
      },
      {
        key: 'platform',
        title: '如何使用平台',
        body: '在手机上查看案件进度和每一项期限；通过平台与调解员文字、语音或视频沟通，调解员可以与各方分别沟通；每一步进展都会通过短信和站内消息通知您；每次调解会议前和签署调解协议前，平台向您登记的手机发送短信验证码核验身份；调解协议用短信验证码在线签署。',
      },
    ],
  },
  en: {
    title: 'Notice of rights and duties',
    intro: 'Please read this carefully before online mediation begins.',
    items: [
      {
        key: 'rights',
        title: 'Your rights',
        body: "Mediation is voluntary: you may agree or refuse, and you may leave at any time. If the mediator has an interest in the case you may ask them to step aside, and you may ask for another mediator. People's mediation is free. Mediation is private: what you say and show in your separate sessions is not passed to the other side without your consent. If mediation fails you can still go to arbitration or sue in a people's court.",
      },
      {
        key: 'duties',
        title: 'Your duties',
        body: 'Tell the facts truthfully and provide no false material; keep to the order of the mediation and respect the other side and the mediator; do not use sham mediation to harm the state, the public or anyone else — it is reported and punished by law; keep your account and SMS codes to yourself.',
      },
      {
        key: 'agreement',
        title: 'What an agreement means',
        body: 'A mediation agreement is legally binding and must be performed as agreed. Concessions made only to reach an agreement cannot be used against you in a later lawsuit, except facts both sides confirmed as undisputed.',
      },
      {
        key: 'confirmation',
        title: 'Judicial confirmation',
        body: "Within 30 days of the agreement taking effect, both sides may apply together to a people's court to confirm it. Once confirmed, if one side does not perform, the other may ask the court to enforce it. Judicial confirmation is free.",
      },
      {
        key: 'platform',
        title: 'How to use the platform',
        body: 'Follow the progress and every deadline of your case on your phone; talk to the mediator by text, voice or video — the mediator may talk to each side separately; you are told of every step by SMS and in-app message; before each session and before signing an agreement, a code sent by SMS to your registered mobile confirms your identity; the agreement is signed online with an SMS code.',
      },
    ],
  },
};

/** R02: whether a client showed the current notice; an older or unknown version is 'outdated'. */
export function checkNoticeVersion(version: string): 'current' | 'outdated' {
  return version === NOTICE_VERSION ? 'current' : 'outdated';
}
