import { Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { InvitationView } from '@tiaojie/contracts';
import { Public } from '../accounts/auth.guard';
import { AppException } from '../common/app-exception';
import { CaseWorkflowService } from './case-workflow.service';
import type { Viewer } from './cases.service';
import { CurrentViewer } from './viewer.decorator';

const checkToken = (token: string) => {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppException('NOT_FOUND', 'This invitation link is not valid');
  return token;
};

/** The respondent's invitation link (R12): a summary before login, then taken up by the invited number. */
@ApiTags('invitations')
@Controller('invitations')
@UseGuards(ThrottlerGuard)
export class InvitationsController {
  constructor(private readonly workflow: CaseWorkflowService) {}

  @Get(':token')
  @Public()
  view(@Param('token') token: string): Promise<InvitationView> {
    return this.workflow.invitation(checkToken(token));
  }

  @Post(':token/claim')
  claim(@Param('token') token: string, @CurrentViewer() viewer: Viewer): Promise<{ caseId: string }> {
    return this.workflow.claimInvitation(checkToken(token), viewer);
  }
}
