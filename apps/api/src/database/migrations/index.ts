import { Initial1763900000000 } from './1763900000000-Initial';
import { CasesIntake1763910000000 } from './1763910000000-CasesIntake';
import { Notifications1763920000000 } from './1763920000000-Notifications';
import { SeparateSessions1763930000000 } from './1763930000000-SeparateSessions';
import { Sessions1763940000000 } from './1763940000000-Sessions';
import { Agreements1764000000000 } from './1764000000000-Agreements';
import { AgreementPdfHash1764050000000 } from './1764050000000-AgreementPdfHash';
import { CaucusAttachments1764100000000 } from './1764100000000-CaucusAttachments';
import { Confirmation1764200000000 } from './1764200000000-Confirmation';
import { Ending1764300000000 } from './1764300000000-Ending';
import { JointCall1764400000000 } from './1764400000000-JointCall';
import { HolidayCalendar1764450000000 } from './1764450000000-HolidayCalendar';
import { CourtRules1764460000000 } from './1764460000000-CourtRules';
import { IdentityNotice1764490000000 } from './1764490000000-IdentityNotice';
import { PeriodsRouting1764470000000 } from './1764470000000-PeriodsRouting';
import { ConsentGates1764480000000 } from './1764480000000-ConsentGates';
import { MediatorChange1764500000000 } from './1764500000000-MediatorChange';
import { CourtCasesArchive1764510000000 } from './1764510000000-CourtCasesArchive';
import { Complaints1764530000000 } from './1764530000000-Complaints';
import { Languages1764550000000 } from './1764550000000-Languages';
import { NotificationIndexes1764560000000 } from './1764560000000-NotificationIndexes';
import { BureauStatistics1764570000000 } from './1764570000000-BureauStatistics';
import { PlatformSettings1764580000000 } from './1764580000000-PlatformSettings';
import { AgreementTemplateText1764580000001 } from './1764580000001-AgreementTemplateText';
import { CaseQueueIndexes1764620000000 } from './1764620000000-CaseQueueIndexes';
import { MediatorQueueIndexes1764620000001 } from './1764620000001-MediatorQueueIndexes';
import { MediatorQueueOrder1764630000000 } from './1764630000000-MediatorQueueOrder';
import { RosterRatings1764590000000 } from './1764590000000-RosterRatings';

/** Every migration, in order (listed, not globbed, so jest, the build and the CLI agree). */
export const MIGRATIONS: Function[] = [
  Initial1763900000000,
  CasesIntake1763910000000,
  Notifications1763920000000,
  SeparateSessions1763930000000,
  Sessions1763940000000,
  Agreements1764000000000,
  AgreementPdfHash1764050000000,
  CaucusAttachments1764100000000,
  Confirmation1764200000000,
  Ending1764300000000,
  JointCall1764400000000,
  HolidayCalendar1764450000000,
  CourtRules1764460000000,
  PeriodsRouting1764470000000,
  ConsentGates1764480000000,
  IdentityNotice1764490000000,
  MediatorChange1764500000000,
  CourtCasesArchive1764510000000,
  Complaints1764530000000,
  Languages1764550000000,
  NotificationIndexes1764560000000,
  BureauStatistics1764570000000,
  PlatformSettings1764580000000,
  AgreementTemplateText1764580000001,
  CaseQueueIndexes1764620000000,
  MediatorQueueIndexes1764620000001,
  RosterRatings1764590000000,
  MediatorQueueOrder1764630000000,
];
