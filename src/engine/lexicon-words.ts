/**
 * The words the generic heuristics look for, per language (en, de, fr, es, it, pt, ja, ko, nl),
 * as data: regular-expression source fragments, plain strings only, so that the background can
 * send them to the content script with the rules (`content→background:get-rules`) and the
 * content script does not carry them in every page. `lexicon.ts` compiles them (`compileWords`).
 *
 * Text matched against them is already whitespace-normalised (see text.ts), and every
 * expression is case-insensitive. A `latin` fragment gets word guards that understand accented
 * letters; a `cjk` fragment stands alone (CJK has no word boundaries). A `whole` fragment must be
 * the entire text.
 *
 * Nothing but this data and its type here: the content script must not import this module
 * (test/unit/lexicon.test.ts follows its imports to check).
 */

/** One expression: any of the `latin` words between word guards, or any of the `cjk` ones anywhere. */
export interface Phrases {
  latin: string[];
  cjk: string[];
}

/** One expression that must match the whole text: any of `whole`. */
export interface Whole {
  whole: string[];
}

export interface LexiconWords {
  TRAIN: Phrases;
  IMPROVE: Phrases;
  AI_MODEL: Phrases;
  USER_DATA: Phrases;
  ML_OPS: Phrases;
  NOT_USED: Phrases;
  DATA: Phrases;
  MODEL: Phrases;
  NOTIFY: Phrases;
  BENEFIT: Phrases;
  CONSEQUENCE: Phrases;
  TERMS_UPDATE: Phrases;
  UPDATE: Phrases;
  SETTINGS_TITLE: Phrases;
  ACCEPT: Phrases;
  DISMISS: Phrases;
  DEFER: Phrases;
  OFF_MARKER: Phrases;
  ON_MARKER: Phrases;
  OFF_WORD: Whole;
  ON_WORD: Whole;
  OBJECT: Phrases;
  TURN_OFF: Whole;
  TURN_ON: Whole;
}

export const WORDS: LexiconWords = {
  /** Train a model: the verb or noun, any tense. */
  TRAIN: {
    latin: [
      'train(?:s|ed|ing)?',
      'fine-?tun(?:e|es|ed|ing)',
      'trainier\\w*', 'training\\w*', 'anlern\\w*',
      'entra[iî]n\\w*',
      'entrena\\w*',
      'addestr\\w*',
      'trein\\w*',
      'traine\\w*', 'training',
      // Machine learning, the concept, in each language ("learning" alone is too wide).
      'machine learning', 'maschinell\\w* lernen', 'machinell\\w* lernen', 'maschinelles lernen',
      'apprentissage(?: automatique)?', 'aprendizaje(?: autom[áa]tico)?', 'apprendimento(?: automatico)?',
      'aprendizado de m[áa]quina', 'aprendizagem autom[áa]tica', 'machinaal leren',
    ],
    cjk: ['トレーニング', '学習', '訓練', '학습', '훈련', '트레이닝', '機械学習', '기계학습', '머신러닝', '学习', '训练'],
  },

  /** Improve / develop a product or model. */
  IMPROVE: {
    latin: [
      'improv\\w*', 'better', 'develop\\w*',
      'verbesser\\w*', 'weiterentwickl\\w*',
      'am[ée]lior\\w*', 'd[ée]velopp\\w*',
      'mejor\\w*', 'desarroll\\w*',
      'miglior\\w*', 'svilupp\\w*',
      'melhor\\w*', 'desenvolv\\w*',
      'verbeter\\w*',
    ],
    cjk: ['改善', '向上', '開発', '개선', '향상', '개발'],
  },

  /** AI models / the assistant's models as the object of training. */
  AI_MODEL: {
    latin: [
      'models?', 'ai', 'a\\.i\\.', 'generative', 'llms?',
      'modell\\w*', 'ki',
      'mod[eè]les?', 'ia', 'g[ée]n[ée]ratives?',
      'modelos?', 'generativ[ao]s?',
      'modell[io]', 'generativ[aoei]',
      'modellen',
    ],
    cjk: ['モデル', '人工知能', '生成AI', '모델', '인공지능', '생성형'],
  },

  /**
   * The user's own data: chats, conversations, content, posts, interactions, coding sessions,
   * voice, inputs. Requires a possessive or "the user" nearby where the language has one, so that
   * "training data" in an ML dashboard does not count.
   */
  USER_DATA: {
    latin: [
      '(?:your|my|user|users\'?|customer)\\s+(?:own\\s+)?(?:\\w+\\s+)?(?:chats?|conversations?|content|posts?|interactions?|inputs?|prompts?|messages?|data|coding sessions?|voice|audio|recordings?|activity|results)',
      '(?:chats?|conversations?|interactions?|coding sessions?|voice (?:data|recordings?)|prompts) (?:and|or|,)',
      '(?:ihre|deine|ihrer|deiner|meine|meiner)\\s+(?:\\w+\\s+)?(?:chats?|unterhaltungen|konversationen|inhalte|beitr[äa]ge|interaktionen|eingaben|daten|sprach\\w*|aktivit[äa]ten|coding-sitzungen)',
      '(?:vos|votre|mes|mon|ma)\\s+(?:\\w+\\s+)?(?:conversations?|discussions?|chats?|contenus?|publications?|interactions?|donn[ée]es|messages?|sessions?|voix|activit[ée]s?)',
      '(?:tus|tu|sus|su|mis|mi)\\s+(?:\\w+\\s+)?(?:chats?|conversaciones|contenidos?|publicaciones|interacciones|datos|mensajes|sesiones|voz|actividad)',
      '(?:tue|tuoi|tua|tuo|sue|suoi|mie|miei)\\s+(?:\\w+\\s+)?(?:chat|conversazioni|contenuti|post|interazioni|dati|messaggi|sessioni|voce|attivit[àa])',
      '(?:le tue|i tuoi|la tua|il tuo)\\s+(?:chat|conversazioni|contenuti|post|interazioni|dati|messaggi|sessioni)',
      '(?:seus|suas|seu|sua|meus|minhas|meu|minha)\\s+(?:\\w+\\s+)?(?:chats?|conversas|conte[úu]dos?|publica[çc][õo]es|intera[çc][õo]es|dados|mensagens|sess[õo]es|voz|atividade)',
      '(?:uw|jouw|je|mijn)\\s+(?:\\w+\\s+)?(?:chats?|gesprekken|inhoud|berichten|gegevens|interacties)',
    ],
    cjk: [
      'チャット', '会話', 'あなたのデータ', 'お客様のデータ', 'コーディングセッション', '音声', '投稿', 'やり取り',
      '채팅', '대화', '사용자 데이터', '귀하의 데이터', '코딩 세션', '음성', '게시물', '상호작용',
    ],
  },

  /**
   * An ML tool's own training jobs: "training run", "training metrics", "mixed-precision
   * training", "retrain nightly". These mean the page is about training the user's own models.
   */
  ML_OPS: {
    latin: [
      'training (?:runs?|jobs?|metrics|loss|steps?|epochs?|data(?: ?sets?)?|pipelines?|clusters?|scripts?|checkpoints?)',
      '(?:model )?training (?:finish\\w*|complet\\w*|end\\w*|fail\\w*|status)',
      '(?:mixed-precision|distributed|gpu|early) (?:training|stopping)',
      'retrain\\w*', 'epochs?', 'checkpoints?', 'hyperparameters?', 'gpus?', 'batch size',
    ],
    cjk: [],
  },

  /**
   * A statement that the data is NOT used for training ("is not used to train models", "wird
   * nicht für das Training verwendet"): a fact in a description, not a consent. An imperative
   * ("Don't use my chats for training") is not one of these: it names the choice.
   */
  NOT_USED: {
    latin: [
      '(?:is|are|will|would|be|gets?|get) (?:not|never) (?:be )?(?:ever )?used (?:to|for|in) (?:the )?(?:train\\w*|fine-?tun\\w*|improv\\w*)',
      '(?:isn\'t|aren\'t|won\'t be|will never be|never) used (?:to|for|in) (?:the )?(?:train\\w*|fine-?tun\\w*|improv\\w*)',
      'not used (?:to|for) (?:train\\w*|fine-?tun\\w*)',
      'nicht (?:f[üu]r|zum|zur) (?:das )?(?:training|trainieren)\\w* (?:verwendet|genutzt)',
      'n\'est pas utilis[ée]e?s? pour (?:l\'|entra[iî]n)\\w*',
      'no se utiliza\\w* para entrenar',
      'non (?:viene|vengono) utilizzat[oi] per addestrare',
      'n[ãa]o (?:é|são) usad[oa]s? para treinar',
    ],
    cjk: ['学習には使用されません', '학습에 사용되지 않'],
  },

  /**
   * Data as such, without a possessive ("Data for Generative AI Improvement"): with improving
   * AI, it names lending one's data to a model.
   */
  DATA: {
    latin: [
      'data', 'content', 'chats?', 'conversations?', 'posts?', 'interactions?',
      'daten', 'inhalte?', 'donn[ée]es', 'contenus?', 'datos', 'contenidos?', 'dati', 'contenuti', 'dados', 'conte[úu]dos?', 'gegevens', 'inhoud',
    ],
    cjk: ['データ', 'コンテンツ', '데이터', '콘텐츠', '数据'],
  },

  /** Model nouns only: "improve" needs a model as its object, not "the AI" answering better. */
  MODEL: {
    latin: ['models?', 'llms?', 'modell\\w*', 'mod[eè]les?', 'modelos?', 'modell[io]', 'modellen'],
    cjk: ['モデル', '모델'],
  },

  /** A notification setting about something, not a consent. */
  NOTIFY: {
    latin: [
      'notify me', 'notifications?', 'email me', 'alert me', 'send me', 'benachrichtig\\w*', 'm\'avertir', 'notifica\\w*', 'avísame', 'avvisami',
    ],
    cjk: ['通知', '알림'],
  },

  /** Benefit words a vague label leans on. */
  BENEFIT: {
    latin: [
      'help\\w*', 'improv\\w*', 'better', 'everyone', 'contribute', 'support',
      'helfen', 'hilf\\w*', 'verbesser\\w*',
      'aide[rz]?', 'aidez', 'am[ée]lior\\w*', 'contribue\\w*',
      'ayud\\w*', 'mejor\\w*',
      'aiut\\w*', 'miglior\\w*',
      'ajud\\w*', 'melhor\\w*',
      'help', 'verbeter\\w*',
    ],
    cjk: ['改善', '協力', '役立', '向上', '개선', '도움', '향상', '협력'],
  },

  /** Consequence words a clear label names: training, retention, years, data use. */
  CONSEQUENCE: {
    latin: [
      'train\\w*', 'retain\\w*', 'retention', 'years?', 'data', 'store[sd]?', 'kept', 'keep',
      'trainier\\w*', 'training', 'daten', 'jahre?n?', 'speicher\\w*', 'aufbewahr\\w*',
      'entra[iî]n\\w*', 'donn[ée]es', 'ans', 'conserv\\w*',
      'entrena\\w*', 'datos', 'años', 'a[ñn]os', 'conserv\\w*',
      'addestr\\w*', 'dati', 'anni',
      'trein\\w*', 'dados', 'anos',
      'gegevens', 'jaar',
    ],
    cjk: ['トレーニング', '学習', '訓練', 'データ', '保存', '保持', '年間', '학습', '훈련', '데이터', '보존', '보관', '년간'],
  },

  /** Words of a terms / policy update. */
  TERMS_UPDATE: {
    latin: [
      '(?:consumer |updated? (?:to )?(?:our )?)?terms(?: of (?:service|use))?', 'privacy policy', 'policies',
      'nutzungsbedingungen', 'datenschutz\\w*', 'bedingungen',
      'conditions (?:d\'utilisation|g[ée]n[ée]rales)', 'politique de confidentialit[ée]', 'conditions',
      't[ée]rminos', 'pol[íi]tica de privacidad',
      'termini', 'informativa sulla privacy',
      'termos', 'pol[íi]tica de privacidade',
      'voorwaarden', 'privacybeleid',
    ],
    cjk: ['利用規約', 'プライバシーポリシー', '規約', '이용약관', '개인정보 처리방침', '약관'],
  },

  /** Words that say the terms changed. */
  UPDATE: {
    latin: [
      'updat\\w*', 'chang\\w*', 'new', 'take effect', 'effective',
      'aktualisier\\w*', '[äa]nder\\w*', 'neue\\w*', 'in kraft',
      'mise à jour', 'mis à jour', 'modifi\\w*', 'nouvelle\\w*', 'en vigueur',
      'actualiz\\w*', 'cambi\\w*', 'nuev\\w*', 'en vigor',
      'aggiorn\\w*', 'modific\\w*', 'nuov\\w*', 'in vigore',
      'atualiz\\w*', 'altera\\w*', 'nov[ao]s?', 'em vigor',
      'bijgewerkt', 'wijziging\\w*', 'van kracht',
    ],
    cjk: ['更新', '改定', '変更', '発効', '업데이트', '변경', '개정', '시행'],
  },

  /** Words of a settings page or panel title. */
  SETTINGS_TITLE: {
    latin: [
      'settings', 'preferences', 'data controls', 'privacy(?: settings)?',
      'einstellungen', 'datenkontrollen', 'datenschutz',
      'param[èe]tres', 'pr[ée]f[ée]rences', 'confidentialit[ée]', 'contr[ôo]les des donn[ée]es',
      'configuraci[óo]n', 'ajustes', 'preferencias', 'privacidad', 'controles de datos',
      'impostazioni', 'preferenze', 'controlli dei dati',
      'configura[çc][õo]es', 'defini[çc][õo]es', 'prefer[êe]ncias', 'privacidade', 'controles de dados',
      'instellingen', 'voorkeuren',
    ],
    cjk: ['設定', 'プライバシー', 'データコントロール', '설정', '개인정보', '데이터 제어'],
  },

  /** The accept / agree action. */
  ACCEPT: {
    latin: [
      'accept\\w*', 'agree\\w*', 'i agree', 'continue', 'got it', 'ok(?:ay)?', 'confirm', 'allow all', 'done',
      'akzeptier\\w*', 'zustimm\\w*', 'einverstanden', 'weiter', 'annehmen', 'best[äa]tig\\w*',
      'accepter', 'j\'accepte', 'continuer', 'accepte[rz]?', 'valider', 'confirmer',
      'aceptar', 'acepto', 'continuar', 'confirmar',
      'accett\\w*', 'continua', 'conferma',
      'aceitar', 'aceito', 'concordo', 'continuar',
      'accepteren', 'akkoord', 'doorgaan',
    ],
    cjk: ['同意', '承諾', '続行', '続ける', '동의', '수락', '계속', '확인'],
  },

  /** Close, postpone or skip: a way out of a prompt. */
  DISMISS: {
    latin: [
      'not now', 'later', 'remind me', 'skip', 'close', 'dismiss', 'cancel', 'no thanks', 'maybe later', 'decide later',
      'nicht jetzt', 'sp[äa]ter', 'schlie[ßs]en', 'abbrechen', '[üu]berspringen',
      'pas maintenant', 'plus tard', 'fermer', 'annuler', 'ignorer',
      'ahora no', 'm[áa]s tarde', 'cerrar', 'cancelar', 'omitir',
      'non ora', 'pi[ùu] tardi', 'chiudi', 'annulla', 'salta',
      'agora n[ãa]o', 'mais tarde', 'fechar', 'cancelar', 'pular',
      'niet nu', 'sluiten', 'annuleren',
    ],
    cjk: ['後で', '今はしない', '閉じる', 'キャンセル', 'スキップ', '나중에', '닫기', '취소', '건너뛰기'],
  },

  /**
   * A choice's option that puts the decision off ("Not now", "Remind me later", "Skip"): not a
   * training state at all. Checked before the OFF and ON words ("Not now" is not "not").
   */
  DEFER: {
    latin: [
      'not now', 'later', 'remind me(?: later)?', 'ask me later', 'skip(?: for now)?', 'maybe later', 'decide later', 'postpone',
      'nicht jetzt', 'sp[äa]ter(?: entscheiden| erinnern)?', 'erinnere mich(?: sp[äa]ter)?', '[üu]berspringen',
      'pas maintenant', 'plus tard', 'me le rappeler(?: plus tard)?', 'rappelez-moi(?: plus tard)?', 'd[ée]cider plus tard',
      'ahora no', 'm[áa]s tarde', 'recu[ée]rdamelo(?: m[áa]s tarde)?', 'record[áa]rmelo(?: m[áa]s tarde)?', 'omitir', 'decidir m[áa]s tarde',
      'non ora', 'pi[ùu] tardi', 'ricordamelo(?: pi[ùu] tardi)?', 'decidi pi[ùu] tardi', 'salta',
      'agora n[ãa]o', 'mais tarde', 'lembrar(?:-me)?(?: mais tarde)?', 'lembre-me(?: mais tarde)?', 'pular', 'decidir mais tarde',
      'niet nu', 'herinner me(?: later)?', 'overslaan', 'later beslissen',
    ],
    cjk: ['後で', 'あとで', '今はしない', '後で通知', 'スキップ', '나중에', '건너뛰기', '지금은 안 함', '다음에'],
  },

  /**
   * An explicit OFF in a choice option's words ("Don't allow", "Never use my chats"). The state
   * words that stand alone ("Off", "Aus") are OFF_WORD: as a phrase they would be ordinary words
   * elsewhere ("no" in Spanish, "non" in Italian).
   */
  OFF_MARKER: {
    latin: [
      'd[ée]sactiv[ée]e?s?', 'desactivad[oa]', 'disattivat[oa]', 'desativad[oa]', 'uitgeschakeld',
      'don\'t', 'do not', 'not', 'never', 'opt out', 'nicht', 'kein\\w*', 'ne pas', 'nunca', 'n[ãa]o', 'niet', 'non consentire', 'no permitir',
      'no,? thanks', 'nein,? danke', 'non,? merci', 'no,? gracias', 'no,? grazie', 'n[ãa]o,? obrigad[oa]', 'nee,? bedankt',
    ],
    cjk: ['オフ', '許可しない', 'しない', '끄기', '허용 안', '하지 않'],
  },

  /**
   * An explicit ON in a choice option's words ("Allow", "Activé"). "On", "An" and "Ein" stand
   * alone only (ON_WORD): the German "an" is the English article, "on" a preposition.
   */
  ON_MARKER: {
    latin: [
      'activ[ée]e?s?', 'activad[oa]', 'attivat[oa]', 'ativad[oa]', 'ingeschakeld', 'allow', 'opt in',
      'erlauben', 'zulassen', 'autoriser', 'permitir', 'consentire', 'toestaan',
    ],
    cjk: ['オン', '許可する', '켜기', '허용'],
  },

  /** The whole of an option (or the part after "Label:") that is an OFF state word. */
  OFF_WORD: {
    whole: [
      'off', 'aus', 'uit', 'no', 'nein', 'non', 'n[ãa]o', 'nee', 'disabled', 'deaktiviert', 'not allowed', 'blocked', 'nicht erlaubt', 'blockiert',
      'd[ée]sactiv[ée]e?', 'desactivad[oa]', 'disattivat[oa]', 'desativad[oa]', 'uitgeschakeld', 'bloqu[ée]e?', 'bloquead[oa]', 'bloccat[oa]',
      'いいえ', '아니요', 'オフ', '끄기', '無効', '사용 안 함', '허용 안 함',
    ],
  },
  /** The whole of an option (or the part after "Label:") that is an ON state word. */
  ON_WORD: {
    whole: [
      'on', 'an', 'ein', 'aan', 'yes', 'ja', 'oui', 's[íi]', 'sim', 's[ìi]', 'enabled', 'aktiviert', 'allowed', 'erlaubt',
      'activ[ée]e?', 'activad[oa]', 'attivat[oa]', 'ativad[oa]', 'ingeschakeld', 'autoris[ée]e?', 'permitid[oa]', 'consentit[oa]', 'toegestaan',
      'はい', '예', 'オン', '켜기', '有効', '사용', '허용',
    ],
  },

  /**
   * Objecting to a use of one's data (the right to object, GDPR Art. 21): Meta's EU form for AI
   * training has no switch, only this. Verb and noun forms only, so "object storage" is not one.
   */
  OBJECT: {
    latin: [
      'object(?:s|ing)? to', 'objections?', 'right to object',
      'widersprech\\w*', 'widerspruch\\w*',
      's\'opposer', 'vous opposer', 'opposition',
      'oponerse', 'oponer(?:te|se)?', 'oposici[óo]n',
      'opporsi', 'opporti', 'opposizione',
      'opor-se', 'se opor', 'oposi[çc][ãa]o',
    ],
    cjk: ['異議', '이의'],
  },

  /**
   * The whole name of a menu button that acts on a setting ("Turn off ▾" on Google's activity
   * controls, the only control a person sees there): the setting is ON while the button offers
   * to turn it off, OFF while it offers to turn it on. Matched against the full accessible name.
   */
  TURN_OFF: { whole: ['turn off', 'deaktivieren', 'désactiver', 'desactivar', 'disattiva', 'desativar', 'オフにする', '사용 중지'] },
  TURN_ON: { whole: ['turn on', 'aktivieren', 'activer', 'activar', 'attiva', 'ativar', 'オンにする', '사용 설정'] },
};
