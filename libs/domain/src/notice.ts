/**
 * R02: the notice every participant is shown before mediating — the form of mediation, their
 * rights and duties, the legal effect of an agreement and of judicial confirmation, how to use
 * the platform (Rules 7; Invited 14). The text is versioned: a party's consent records the
 * version it was shown (`case_party.notice_version`), and a new wording gets a new version, so
 * a record always says which words a person saw. Change the text → change the version.
 */
export const NOTICE_VERSION = '2026-12-01';

export type NoticeLocale = 'zh-CN' | 'en';

export interface NoticeText {
  title: string;
  sections: ReadonlyArray<{ heading: string; body: string }>;
}

export const NOTICE_TEXT: Readonly<Record<NoticeLocale, NoticeText>> = {
  'zh-CN': {
    title: '在线调解权利义务告知书',
    sections: [
      { heading: '调解形式', body: '本平台以在线方式进行调解，可采用文字、语音或视频；经各方同意，调解员可与各方分别（背对背）沟通。调解遵循自愿原则，您可随时拒绝或终止调解。' },
      { heading: '您的权利', body: '您有权选择或接受调解员，有权申请调解员回避或更换，有权自主表达意愿、自愿达成调解协议，有权要求对调解过程保密。调解不收取费用的，平台会明确告知。' },
      { heading: '您的义务', body: '您应如实陈述纠纷事实，不得提供虚假材料，不得恶意串通进行虚假调解，遵守调解秩序，尊重对方当事人和调解员，不得泄露调解中知悉的他人隐私和商业秘密。' },
      { heading: '调解协议的效力', body: '经调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。为达成调解协议作出的让步，不得在后续诉讼中作为对您不利的证据，但各方确认的无争议事实除外。' },
      { heading: '司法确认', body: '调解协议生效之日起三十日内，双方当事人可以共同向有管辖权的人民法院申请司法确认；经确认有效的，一方拒绝履行的，对方可以申请人民法院强制执行。司法确认不收取费用。' },
      { heading: '平台使用', body: '请使用本人实名账户和登记的手机号参加调解。每次调解会议前及签署协议前，平台会向您登记的手机发送验证码，以核验您的身份。' },
    ],
  },
  en: {
    title: 'Notice of rights and duties in online mediation',
    sections: [
      { heading: 'How mediation works', body: 'Mediation on this platform is online, by text, voice or video; with everyone\'s consent the mediator may talk to each side separately. Mediation is voluntary: you may refuse or end it at any time.' },
      { heading: 'Your rights', body: 'You may choose or accept a mediator, ask for the mediator\'s recusal or change, speak freely, agree only to what you accept, and have the mediation kept confidential. Where mediation is free of charge, the platform says so.' },
      { heading: 'Your duties', body: 'Tell the facts truthfully, submit no false material, do not collude in sham mediation, keep order, respect the other party and the mediator, and do not disclose others\' private or business secrets learned in mediation.' },
      { heading: 'Legal effect of an agreement', body: 'A settlement agreement reached in mediation is legally binding and must be performed as agreed. Concessions made only to reach agreement may not be used against you in later litigation, except facts all parties confirmed as undisputed.' },
      { heading: 'Judicial confirmation', body: 'Within 30 days of the agreement taking effect, the parties may jointly apply to the competent people\'s court for judicial confirmation; once confirmed, if one party does not perform, the other may apply for enforcement. Judicial confirmation is free of charge.' },
      { heading: 'Using the platform', body: 'Take part with your own real-name account and registered mobile number. Before each session and before signing an agreement, the platform sends a code to your registered mobile to confirm your identity.' },
    ],
  },
};

/** R02: whether a client showed the current notice ('current'), an older or unknown one. */
export function checkNoticeVersion(version: string): 'current' | 'outdated' {
  return version === NOTICE_VERSION ? 'current' : 'outdated';
}
