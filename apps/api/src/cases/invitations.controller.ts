import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { OTP_PATTERN, type InvitationPreview, type InvitationView, type InvitationViewRequest, type RequestOtpResponse } from '@tiaojie/contracts';
import { IsString, Matches } from 'class-validator';
import { Public } from '../accounts/auth.guard';
import { AppException } from '../common/app-exception';
import { InvitationsService } from './invitations.service';
import type { Viewer } from './viewer.decorator';
import { CurrentViewer } from './viewer.decorator';

const checkToken = (token: string) => {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppException('NOT_FOUND', 'This invitation link is not valid');
  return token;
};

class InvitationViewDto implements InvitationViewRequest {
  @IsString()
  @Matches(OTP_PATTERN, { message: 'must be the 6-digit code' })
  code!: string;
}

/**
 * The respondent's invitation link (R12): nothing of the dispute to whoever holds it; the
 * summary once the code sent to the invited number is given back (R15), then taken up by an
 * account with that number — after which the link shows nothing more.
 */
@ApiTags('invitations')
@Controller('invitations')
@UseGuards(ThrottlerGuard)
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get(':token')
  @Public()
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.invitations.invitation(checkToken(token));
  }

  @Post(':token/code')
  @Public()
  @HttpCode(202)
  code(@Param('token') token: string): Promise<RequestOtpResponse> {
    return this.invitations.requestInvitationCode(checkToken(token));
  }

  @Post(':token/view')
  @Public()
  @HttpCode(200)
  view(@Param('token') token: string, @Body() dto: InvitationViewDto): Promise<InvitationView> {
    return this.invitations.verifiedInvitation(checkToken(token), dto.code);
  }

  @Post(':token/claim')
  claim(@Param('token') token: string, @CurrentViewer() viewer: Viewer): Promise<{ caseId: string }> {
    return this.invitations.claimInvitation(checkToken(token), viewer);
  }
}
