// The two training bodies, the city, and what each trains for: Ligue workshops for parents,
// Drane trainings for teachers tied to the equipment kinds the city rolls out.
import type { EquipmentKind, Translations } from '~db/schema';

export type OrgSlug = 'ligue' | 'drane' | 'ville';

export const ORGANISATIONS: {
  slug: OrgSlug;
  name: string;
  contactEmail: string;
  contactPhone: string;
  audience: 'parent' | 'teacher' | null;
}[] = [
  {
    slug: 'ligue',
    name: "Ligue de l'Enseignement des Bouches-du-Rhône",
    contactEmail: 'ateliers.parents@demo.passerelle.test',
    contactPhone: '04 91 24 31 61',
    audience: 'parent',
  },
  {
    slug: 'drane',
    name: 'Drane Aix-Marseille',
    contactEmail: 'formation.drane@demo.passerelle.test',
    contactPhone: '04 42 93 88 00',
    audience: 'teacher',
  },
  {
    slug: 'ville',
    name: "Ville de Marseille — Direction de l'éducation",
    contactEmail: 'ecoles-numeriques@demo.passerelle.test',
    contactPhone: '04 91 55 11 11',
    audience: null,
  },
];

export interface DemoTrack {
  slug: string;
  audience: 'parent' | 'teacher';
  org: OrgSlug;
  title: string;
  summary: string;
  equipmentKinds: EquipmentKind[];
  durationMinutes: number;
  // Teacher tracks: the hours they count for in the yearly record, and the GAIA module the
  // inspector looks for (Aix-Marseille's academy code is 013).
  hours?: number;
  gaiaModule?: string;
  // Parent tracks: the title and summary in Arabic and English (parents read them in the
  // catalog, the emails and the calendar invite); teacher tracks stay French.
  translations?: Translations;
}

export const TRACKS: DemoTrack[] = [
  {
    slug: 'espace-numerique-ecole',
    audience: 'parent',
    org: 'ligue',
    equipmentKinds: [],
    durationMinutes: 120,
    title: "Suivre la scolarité de mon enfant sur l'espace numérique de l'école",
    summary:
      "Se connecter à l'espace numérique de l'école, lire les messages de l'enseignant, voir le cahier de textes et les absences, répondre à un mot. On vient avec son téléphone ; on repart avec ses codes qui marchent.",
    translations: {
      ar: {
        title: 'متابعة دراسة طفلي على الفضاء الرقمي للمدرسة',
        summary:
          'الدخول إلى الفضاء الرقمي للمدرسة، قراءة رسائل المعلم، الاطلاع على دفتر الواجبات والغيابات، والرد على رسالة. تأتون بهاتفكم وتعودون برموز دخول تعمل.',
      },
      en: {
        title: "Following my child's schooling on the school's online space",
        summary:
          "Log in to the school's online space, read the teacher's messages, see the homework book and absences, reply to a note. Come with your phone; leave with login details that work.",
      },
    },
  },
  {
    slug: 'tablettes-maison',
    audience: 'parent',
    org: 'ligue',
    equipmentKinds: [],
    durationMinutes: 120,
    title: "La tablette à la maison : l'utiliser en famille",
    summary:
      "Installer les applications utiles pour l'école, régler le contrôle parental, partager la tablette entre frères et sœurs, faire les devoirs en ligne avec son enfant.",
    translations: {
      ar: {
        title: 'اللوحة الرقمية في البيت: استعمالها مع العائلة',
        summary:
          'تثبيت التطبيقات المفيدة للمدرسة، ضبط المراقبة الأبوية، مشاركة اللوحة بين الإخوة والأخوات، وإنجاز الواجبات عبر الإنترنت مع طفلكم.',
      },
      en: {
        title: 'The tablet at home: using it as a family',
        summary:
          'Install the apps that help with school, set up parental controls, share the tablet between brothers and sisters, do homework online with your child.',
      },
    },
  },
  {
    slug: 'ecrans-securite',
    audience: 'parent',
    org: 'ligue',
    equipmentKinds: [],
    durationMinutes: 120,
    title: "Temps d'écran et sécurité en ligne",
    summary:
      "Combien de temps d'écran selon l'âge, les réseaux sociaux, les jeux, le harcèlement : des repères simples et des réglages à faire ensemble sur le téléphone.",
    translations: {
      ar: {
        title: 'وقت الشاشة والأمان على الإنترنت',
        summary: 'كم من الوقت أمام الشاشة حسب العمر، الشبكات الاجتماعية، الألعاب، التنمر: معالم بسيطة وإعدادات نقوم بها معًا على الهاتف.',
      },
      en: {
        title: 'Screen time and staying safe online',
        summary:
          'How much screen time at each age, social networks, games, bullying: simple guidelines and settings to make together on the phone.',
      },
    },
  },
  {
    slug: 'premiers-pas-smartphone',
    audience: 'parent',
    org: 'ligue',
    equipmentKinds: [],
    durationMinutes: 150,
    title: "Premiers pas avec le smartphone et l'e-mail",
    summary:
      "Créer une adresse e-mail, la retrouver, envoyer une photo d'un document, reconnaître un message frauduleux. Pour celles et ceux qui débutent, à leur rythme.",
    translations: {
      ar: {
        title: 'الخطوات الأولى مع الهاتف الذكي والبريد الإلكتروني',
        summary: 'إنشاء عنوان بريد إلكتروني واسترجاعه، إرسال صورة وثيقة، التعرف على رسالة احتيالية. لمن يبدأ، وحسب إيقاعه.',
      },
      en: {
        title: 'First steps with a smartphone and email',
        summary:
          'Create an email address and find it again, send a photo of a document, spot a fraudulent message. For beginners, at their own pace.',
      },
    },
  },
  {
    slug: 'ecran-interactif',
    audience: 'teacher',
    org: 'drane',
    equipmentKinds: ['interactive-display'],
    durationMinutes: 180,
    hours: 3,
    gaiaModule: '26A0130401',
    title: "Prendre en main l'écran numérique interactif",
    summary:
      "Allumer, projeter depuis le Mac ou l'iPad, annoter, enregistrer le tableau ; les gestes de base et des séances clés en main pour le cycle 2 et le cycle 3.",
  },
  {
    slug: 'ipad-en-classe',
    audience: 'teacher',
    org: 'drane',
    equipmentKinds: ['tablet'],
    durationMinutes: 180,
    hours: 3,
    gaiaModule: '26A0130402',
    title: "L'iPad en classe : usages pédagogiques",
    summary:
      "Organiser la classe avec une flotte d'iPad, photographier et enregistrer les élèves, créer un livre numérique, partager avec AirDrop ; lecture, oral et sciences.",
  },
  {
    slug: 'mac-en-classe',
    audience: 'teacher',
    org: 'drane',
    equipmentKinds: ['classroom-computer'],
    durationMinutes: 180,
    hours: 3,
    gaiaModule: '26A0130403',
    title: 'Le Mac de la classe : préparer, projeter, partager',
    summary:
      "Préparer ses séances, projeter sur l'écran interactif, ranger et partager ses documents dans l'espace de l'école, protéger les données des élèves.",
  },
  {
    slug: 'applications-gerees',
    audience: 'teacher',
    org: 'drane',
    equipmentKinds: ['tablet', 'classroom-computer'],
    durationMinutes: 120,
    hours: 2,
    gaiaModule: '26A0130404',
    title: "Applications gérées : Mac et iPad de l'école au quotidien",
    summary:
      'Demander une application, la retrouver sur les appareils de la classe, utiliser Classroom pour guider les élèves, que faire quand un appareil ne répond plus.',
  },
];
