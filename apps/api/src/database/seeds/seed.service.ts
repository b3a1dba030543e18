import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DisputeType } from '@tiaojie/contracts';
import type { IntakeChannel, OrganisationType, Role } from '@tiaojie/domain';
import { MediatorProfile } from '../../organisations/mediator-profile.entity';
import { DataSource } from 'typeorm';
import { AccountsService } from '../../accounts/accounts.service';
import { User } from '../../accounts/user.entity';
import { Court } from '../../organisations/court.entity';
import { JusticeBureau } from '../../organisations/justice-bureau.entity';
import { Membership } from '../../organisations/membership.entity';
import { Organisation } from '../../organisations/organisation.entity';

export const DEMO_PASSWORD = 'Tiaojie@2026';

interface DemoUser {
  mobile: string;
  name: string;
  roles: Role[];
  what: string;
  org?: string;
  court?: boolean;
  /** Staff of the demo 司法局 (`bureau` role). */
  bureau?: boolean;
  intakeChannel?: IntakeChannel;
}

const ORGANISATIONS: Array<{
  key: string;
  name: string;
  nameEn: string;
  type: OrganisationType;
  region: string;
  regions: string[];
  disputeTypes: DisputeType[];
  chargesFees: boolean;
  description: string;
  descriptionEn: string;
  /** Supervised by the demo 司法局 (the others fall back to the system admin, R38). */
  underBureau?: boolean;
}> = [
  {
    key: 'people',
    nameEn: "Xihu District People's Mediation Committee",
    name: '西湖区人民调解委员会',
    type: 'peoples_mediation_committee',
    region: '330106',
    regions: ['330100'],
    disputeTypes: ['private_loan', 'family_neighbour', 'property_management', 'labour', 'traffic_accident', 'consumer', 'medical', 'other'],
    chargesFees: false,
    underBureau: true,
    description: '邻里、家庭、民间借贷、物业等纠纷',
    descriptionEn: 'Neighbour, family, private loan and property disputes',
  },
  {
    key: 'bank',
    nameEn: 'Zhejiang Banking and Insurance Dispute Mediation Centre',
    name: '浙江银行业保险业纠纷调解中心',
    type: 'banking_insurance',
    region: '330100',
    regions: ['330000'],
    disputeTypes: ['banking_insurance'],
    chargesFees: false,
    description: '银行、保险合同纠纷',
    descriptionEn: 'Banking and insurance contract disputes',
  },
  {
    key: 'sea',
    nameEn: 'Zhoushan Maritime and Fishery Dispute Mediation Committee',
    name: '舟山海事渔事纠纷调解委员会',
    type: 'maritime_fishery',
    region: '330900',
    regions: ['330000'],
    disputeTypes: ['maritime_fishery'],
    chargesFees: false,
    description: '船舶碰撞、渔业生产、海上劳务纠纷',
    descriptionEn: 'Collisions, fishing and maritime labour disputes',
  },
  {
    key: 'police',
    nameEn: 'Xihu Police Sub-bureau Mediation Room',
    name: '西湖区公安分局警调衔接调解室',
    type: 'police_mediation',
    region: '330106',
    regions: ['330106'],
    disputeTypes: ['family_neighbour', 'traffic_accident', 'other'],
    chargesFees: false,
    underBureau: true,
    description: '治安类民间纠纷',
    descriptionEn: 'Minor disputes referred by the police',
  },
];

const PROFILES: Record<string, { disputeTypes: DisputeType[]; expertise: string[]; bio: string; years: number; nameEn: string; expertiseEn: string[]; bioEn: string }> = {
  '13900000001': {
    disputeTypes: ['private_loan', 'family_neighbour', 'property_management', 'consumer', 'other'],
    expertise: ['民间借贷', '邻里纠纷'],
    bio: '从事人民调解工作十二年，擅长民间借贷与邻里纠纷。',
    years: 12,
    nameEn: 'Wang (mediator)',
    expertiseEn: ['Private loans', 'Neighbour disputes'],
    bioEn: "Twelve years of people's mediation; private loans and neighbour disputes.",
  },
  '13900000004': {
    disputeTypes: ['labour', 'traffic_accident', 'medical', 'private_loan'],
    expertise: ['劳动争议', '交通事故'],
    bio: '退休法官，擅长劳动争议与交通事故赔偿。',
    years: 20,
    nameEn: 'Qian (mediator)',
    expertiseEn: ['Labour disputes', 'Traffic accidents'],
    bioEn: 'Retired judge; labour disputes and traffic accident compensation.',
  },
  '13900000003': {
    disputeTypes: ['banking_insurance'],
    expertise: ['信用卡', '保险理赔'],
    bio: '金融纠纷调解员，熟悉银行保险业务。',
    years: 8,
    nameEn: 'Zhao (mediator)',
    expertiseEn: ['Credit cards', 'Insurance claims'],
    bioEn: 'Financial dispute mediator, versed in banking and insurance.',
  },
};

const USERS: DemoUser[] = [
  { mobile: '13800000001', name: '张三', roles: ['citizen'], what: 'citizen (applicant)' },
  { mobile: '13800000002', name: '李四', roles: ['citizen'], what: 'citizen (respondent)' },
  { mobile: '13900000001', name: '王调解', roles: ['mediator'], what: "mediator, people's mediation committee", org: 'people' },
  { mobile: '13900000004', name: '钱调解', roles: ['mediator'], what: "mediator, people's mediation committee", org: 'people' },
  { mobile: '13900000003', name: '赵调解', roles: ['mediator'], what: 'mediator, banking & insurance', org: 'bank' },
  { mobile: '13900000002', name: '陈主任', roles: ['org_admin'], what: "dispatcher, people's mediation committee", org: 'people' },
  // The banking centre's dispatcher: without one, routing would not send it any case (issue #11).
  { mobile: '13900000005', name: '钟主任', roles: ['org_admin'], what: 'dispatcher, banking & insurance', org: 'bank' },
  { mobile: '13700000001', name: '刘法官', roles: ['judge'], what: 'judge, basic court', court: true },
  { mobile: '13700000002', name: '周书记员', roles: ['clerk'], what: 'court clerk', court: true },
  { mobile: '13500000001', name: '孙网格员', roles: ['intake'], what: 'grid worker (files for citizens)', intakeChannel: 'grid_worker' },
  { mobile: '13400000001', name: '吴科长', roles: ['bureau'], what: '司法局 staff (Xihu justice bureau: supervises the Xihu organisations)', bureau: true },
  { mobile: '13600000001', name: '系统管理员', roles: ['admin'], what: 'system admin' },
];

/** Demo organisations, a court and one account per role, written once into an empty database. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsService,
  ) {}

  async seedIfEmpty({ print }: { print: boolean }) {
    if (await this.db.getRepository(User).exists()) {
      if (print) this.printLogins(false);
      return false;
    }
    const passwordHash = await this.accounts.hashPassword(DEMO_PASSWORD);
    await this.db.transaction(async (manager) => {
      const court = await manager.getRepository(Court).save({ name: '杭州市西湖区人民法院', region: '330106', level: 'basic' as const });
      const bureau = await manager.getRepository(JusticeBureau).save({ name: '杭州市西湖区司法局', nameEn: 'Xihu District Justice Bureau, Hangzhou', region: '330106' });
      const orgs = new Map<string, Organisation>();
      for (const o of ORGANISATIONS) {
        orgs.set(
          o.key,
          await manager.getRepository(Organisation).save({
            name: o.name,
            type: o.type,
            region: o.region,
            regions: o.regions,
            disputeTypes: o.disputeTypes,
            chargesFees: o.chargesFees,
            description: o.description,
            nameEn: o.nameEn,
            descriptionEn: o.descriptionEn,
            courtId: court.id,
            bureauId: o.underBureau ? bureau.id : null,
          }),
        );
      }
      for (const u of USERS) {
        const user = await manager
          .getRepository(User)
          .save(manager.getRepository(User).create({ mobile: u.mobile, name: u.name, passwordHash, roles: u.roles, intakeChannel: u.intakeChannel ?? null, locale: 'zh-CN' }));
        const profile = PROFILES[u.mobile];
        if (profile) {
          await manager.getRepository(MediatorProfile).save({
            userId: user.id,
            disputeTypes: profile.disputeTypes,
            expertise: profile.expertise,
            bio: profile.bio,
            nameEn: profile.nameEn,
            bioEn: profile.bioEn,
            expertiseEn: profile.expertiseEn,
            yearsOfPractice: profile.years,
            chargesFees: false,
            isPublic: true,
            capacity: 30,
          });
        }
        for (const role of u.roles) {
          const org = u.org ? orgs.get(u.org) : undefined;
          if (org) await manager.getRepository(Membership).save({ userId: user.id, organisationId: org.id, courtId: null, role });
          if (u.court) await manager.getRepository(Membership).save({ userId: user.id, organisationId: null, courtId: court.id, role });
          if (u.bureau) await manager.getRepository(Membership).save({ userId: user.id, organisationId: null, courtId: null, bureauId: bureau.id, role });
        }
      }
    });
    this.logger.log('demo data seeded');
    if (print) this.printLogins(true);
    return true;
  }

  private printLogins(fresh: boolean) {
    const lines = USERS.map((u) => `  ${u.mobile}  ${u.name.padEnd(6, '　')} ${u.what}`);
    console.log(
      [
        '',
        fresh ? 'Demo data created. Demo logins (password for all: ' + DEMO_PASSWORD + '):' : 'Demo logins (password for all: ' + DEMO_PASSWORD + '):',
        ...lines,
        '  Or log in with an SMS code: the development sender shows codes at /dev/sms.',
        '',
      ].join('\n'),
    );
  }
}
