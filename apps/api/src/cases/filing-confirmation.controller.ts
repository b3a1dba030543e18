import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { OTP_PATTERN, type FilingConfirmationRequest, type FilingConfirmationResult, type RequestOtpResponse } from '@tiaojie/contracts';
import { Equals, IsString, Matches, MaxLength } from 'class-validator';
import { Public } from '../accounts/auth.guard';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { FilingConfirmationService } from './filing-confirmation.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const checkId = (id: string) => {
  if (!UUID.test(id)) throw new AppException('NOT_FOUND', 'No such application to confirm');
  return id;
};

class FilingConfirmationDto implements FilingConfirmationRequest {
  @ApiProperty()
  @IsString()
  @Matches(OTP_PATTERN, { message: 'must be the 6-digit code' })
  code!: string;

  @ApiProperty()
  @Equals(true, { message: 'consent to online mediation is required' })
  consent!: true;

  @ApiProperty()
  @Equals(true, { message: 'read the notice of rights and duties first' })
  noticeSeen!: true;

  @ApiProperty({ description: 'R02: the version of the notice text shown (NOTICE_VERSION)' })
  @IsString()
  @MaxLength(16)
  noticeVersion!: string;
}

/**
 * R02: the citizen's own confirmation of an application staff filed for them, by the code
 * sent to the mobile filed (no account needed: the code proves the number).
 */
@ApiTags('cases')
@Controller('filing-confirmations')
@UseGuards(ThrottlerGuard)
export class FilingConfirmationController {
  constructor(private readonly confirmations: FilingConfirmationService) {}

  @Post(':caseId/code')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'R02: send the applicant of a staff-filed application the code again (to the mobile filed)' })
  code(@Param('caseId') caseId: string): Promise<RequestOtpResponse> {
    return this.confirmations.requestCode(checkId(caseId));
  }

  @Post(':caseId')
  @Public()
  @ApiOperation({ summary: 'R02: the applicant consents and acknowledges the notice version they read, with the code' })
  confirm(@Param('caseId') caseId: string, @Body() dto: FilingConfirmationDto, @Meta() meta: RequestMeta): Promise<FilingConfirmationResult> {
    return this.confirmations.confirm(checkId(caseId), dto, meta);
  }
}
