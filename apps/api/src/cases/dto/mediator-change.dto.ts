import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AnswerMediatorChangeRequest, ConflictAnswerRequest, CreateMediatorChangeRequest } from '@tiaojie/contracts';
import { MEDIATOR_CHANGE_REASONS, type MediatorChangeReason } from '@tiaojie/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { trim } from '../../common/transforms';
import { VersionDto } from './case.dto';

/** R10: a party's answer to a disclosed conflict: consent to the mediator, or ask for recusal (with a reason). */
export class ConflictAnswerDto extends VersionDto implements ConflictAnswerRequest {
  @ApiProperty({ enum: ['consent', 'recusal'] })
  @IsIn(['consent', 'recusal'])
  answer!: 'consent' | 'recusal';

  @ApiPropertyOptional({ description: 'The party answered for, when the viewer acts for several' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiPropertyOptional({ enum: MEDIATOR_CHANGE_REASONS, description: 'Required with recusal' })
  @ValidateIf((o: ConflictAnswerDto) => o.answer === 'recusal' || o.reasonCode !== undefined)
  @IsIn(MEDIATOR_CHANGE_REASONS)
  reasonCode?: MediatorChangeReason;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required with recusal' })
  @ValidateIf((o: ConflictAnswerDto) => o.answer === 'recusal' || o.reasonNote !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reasonNote?: string;
}

/** R11: a party asks to change mediator, with a coded reason and a note. */
export class CreateMediatorChangeDto extends VersionDto implements CreateMediatorChangeRequest {
  @ApiProperty({ enum: MEDIATOR_CHANGE_REASONS })
  @IsIn(MEDIATOR_CHANGE_REASONS)
  reasonCode!: MediatorChangeReason;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reasonNote!: string;

  @ApiPropertyOptional({ description: 'The party asking, when the viewer acts for several' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiPropertyOptional({ description: 'The mediator concerned (default: the presiding one)' })
  @IsOptional()
  @IsUUID()
  assignmentId?: string;
}

/** R10, R11: the dispatcher grants (naming the mediator who takes over) or refuses (with a reason). */
export class AnswerMediatorChangeDto extends VersionDto implements AnswerMediatorChangeRequest {
  @ApiProperty({ enum: ['grant', 'refuse'] })
  @IsIn(['grant', 'refuse'])
  decision!: 'grant' | 'refuse';

  @ApiPropertyOptional({ description: 'Required with grant' })
  @ValidateIf((o: AnswerMediatorChangeDto) => o.decision === 'grant' || o.mediatorId !== undefined)
  @IsUUID()
  mediatorId?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required with refuse' })
  @ValidateIf((o: AnswerMediatorChangeDto) => o.decision === 'refuse' || o.answerNote !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  answerNote?: string;
}
