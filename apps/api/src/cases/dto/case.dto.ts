import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DISPUTE_TYPES,
  LIMITS,
  LOCALES,
  MOBILE_PATTERN,
  PARTY_KINDS,
  type AcceptAssignmentRequest,
  type AssignMediatorRequest,
  type CaseActionRequest,
  type ReturnCaseRequest,
  type VersionRequest,
  type CaseListQuery,
  type ChooseMediatorRequest,
  type ClaimInput,
  type ConsentRequest,
  type CreateCaseRequest,
  type DeclineAssignmentRequest,
  type DisputeType,
  type EndMediationRequest,
  type EvaluationResult,
  type Locale,
  type PartyInput,
  type PartyKind,
  type RecordContactRequest,
  type SubmitCaseRequest,
  type UpdateCaseRequest,
} from '@tiaojie/contracts';
import {
  CASE_STATES,
  CONTACT_ANSWERS,
  DECLINE_REASONS,
  PARTY_WITHDRAWAL_REASONS,
  RETURN_REASONS,
  type CaseState,
  type ContactAnswer,
  type DeclineReason,
  type PartyWithdrawalReason,
} from '@tiaojie/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

import { OptionalNested, OptionalText, RequiredText } from '../../common/dto-fields';
import { mobileInput, trim } from '../../common/transforms';
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export const FACTS_MAX = 5000;
export const REQUESTS_MAX = 2000;

export class PartyInputDto implements PartyInput {
  @ApiPropertyOptional({ enum: PARTY_KINDS })
  @IsOptional()
  @IsIn(PARTY_KINDS)
  kind?: PartyKind;

  @RequiredText(100)
  name!: string;

  @ApiProperty({ example: '13800000002' })
  @Transform(mobileInput)
  @IsString()
  @Matches(MOBILE_PATTERN, { message: 'must be a mainland mobile number (11 digits)' })
  mobile!: string;

  @ApiPropertyOptional({ example: '11010519491231002X' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(/^\d{17}[\dX]$/, { message: 'must be an 18-character resident ID number' })
  idNumber?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.addressMax })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.addressMax)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsEmail()
  @MaxLength(LIMITS.emailMax)
  email?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of SMS and email to the party while it has no account (default zh-CN)' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class ClaimInputDto implements ClaimInput {
  @ApiPropertyOptional({ example: '12000.50', description: 'CNY, exact, at most 2 decimals' })
  @IsOptional()
  @IsString()
  @Matches(/^(0|[1-9]\d{0,12})(\.\d{1,2})?$/, { message: 'must be an amount in yuan with at most 2 decimals' })
  amount?: string;

  @OptionalText(REQUESTS_MAX)
  otherRequests?: string;
}

export class CreateCaseDto implements CreateCaseRequest {
  @ApiProperty({ enum: DISPUTE_TYPES })
  @IsIn(DISPUTE_TYPES)
  disputeType!: DisputeType;

  @OptionalText(FACTS_MAX)
  facts?: string;

  @OptionalNested(ClaimInputDto)
  claims?: ClaimInputDto;

  @ApiPropertyOptional({ example: '330106', nullable: true, description: 'null clears it' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit administrative division code' })
  region?: string;

  @OptionalNested(PartyInputDto)
  applicant?: PartyInputDto;

  @ApiPropertyOptional({ type: [PartyInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PartyInputDto)
  respondents?: PartyInputDto[];

  @ApiPropertyOptional({ nullable: true, description: 'null clears the choice' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null clears the choice' })
  @IsOptional()
  @IsUUID()
  preferredMediatorId?: string;

  @ApiPropertyOptional({ description: 'Result of the self-help questionnaire' })
  @IsOptional()
  @IsObject()
  evaluation?: EvaluationResult;
}

export class UpdateCaseDto extends CreateCaseDto implements UpdateCaseRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: DISPUTE_TYPES })
  @IsOptional()
  @IsIn(DISPUTE_TYPES)
  declare disputeType: DisputeType;
}

export class VersionDto implements VersionRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class SubmitCaseDto extends VersionDto implements SubmitCaseRequest {
  @ApiProperty({ description: 'R01: consent to online mediation' })
  @Equals(true, { message: 'consent to online mediation is required' })
  consent!: true;

  @ApiProperty({ description: 'R02: the notice of rights and duties was shown' })
  @Equals(true, { message: 'read the notice of rights and duties first' })
  noticeSeen!: true;

  @ApiPropertyOptional({ description: 'R02: the version of the notice text shown (NOTICE_VERSION); an older one is refused' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  noticeVersion?: string;
}

export class CaseActionDto extends VersionDto implements CaseActionRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  reasonCode?: string;

  @OptionalText(1000)
  reasonNote?: string;
}

export class ReturnCaseDto extends CaseActionDto implements ReturnCaseRequest {
  @ApiProperty({ enum: RETURN_REASONS })
  @IsIn(RETURN_REASONS)
  declare reasonCode: (typeof RETURN_REASONS)[number];
}

export class AssignMediatorDto extends VersionDto implements AssignMediatorRequest {
  @ApiProperty()
  @IsUUID()
  mediatorId!: string;

  @ApiPropertyOptional({ enum: ['presiding', 'member'] })
  @IsOptional()
  @IsIn(['presiding', 'member'])
  role?: 'presiding' | 'member';
}

export class AcceptAssignmentDto extends VersionDto implements AcceptAssignmentRequest {
  @ApiPropertyOptional({ maxLength: 1000, description: 'R10: a conflict to disclose' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  conflictDisclosure?: string;
}

export class DeclineAssignmentDto extends VersionDto implements DeclineAssignmentRequest {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reasonCode!: DeclineReason;

  @OptionalText(1000)
  reasonNote?: string;
}

export class RecordContactDto extends VersionDto implements RecordContactRequest {
  @ApiProperty()
  @IsUUID()
  partyId!: string;

  @ApiProperty({ enum: ['phone', 'sms', 'in_person', 'video', 'platform'] })
  @IsIn(['phone', 'sms', 'in_person', 'video', 'platform'])
  method!: RecordContactRequest['method'];

  @ApiProperty()
  @IsBoolean()
  reached!: boolean;

  @ApiPropertyOptional({
    enum: CONTACT_ANSWERS,
    description: 'R12: the answer of a respondent still to answer who was reached; "agreed" is confirmed by the respondent through an SMS link, "refused" ends the case',
  })
  @IsOptional()
  @IsIn(CONTACT_ANSWERS)
  answer?: ContactAnswer;

  @OptionalText(1000)
  note?: string;
}

/** R01 (PML 23): a party ends mediation itself, with its coded reason. */
export class EndMediationDto extends VersionDto implements EndMediationRequest {
  @ApiProperty({ enum: PARTY_WITHDRAWAL_REASONS })
  @IsIn(PARTY_WITHDRAWAL_REASONS)
  reasonCode!: PartyWithdrawalReason;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required with the code "other"' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reasonNote?: string;
}

export class ConsentDto extends VersionDto implements ConsentRequest {
  @ApiProperty({ enum: ['given', 'refused'] })
  @IsIn(['given', 'refused'])
  consent!: 'given' | 'refused';

  @ApiProperty()
  @IsBoolean()
  noticeSeen!: boolean;

  @ApiPropertyOptional({ description: 'R02: the version of the notice text shown (NOTICE_VERSION); an older one is refused' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  noticeVersion?: string;
}

export class CaseListQueryDto implements CaseListQuery {
  @IsOptional()
  @IsIn(['mine', 'assigned', 'organisation'])
  scope?: 'mine' | 'assigned' | 'organisation';

  @IsOptional()
  @IsIn(CASE_STATES)
  state?: CaseState;

  @IsOptional()
  @IsIn(['new', 'awaiting_contact', 'mediating', 'due_soon'])
  bucket?: 'new' | 'awaiting_contact' | 'mediating' | 'due_soon';

  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** R07: a party's choice of mediator from the roster. */
export class ChooseMediatorDto implements ChooseMediatorRequest {
  @ApiProperty()
  @IsUUID()
  mediatorId!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}
