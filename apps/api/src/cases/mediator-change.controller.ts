import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseDetail, MediatorChangeRequestView } from '@tiaojie/contracts';
import { AppException } from '../common/app-exception';
import type { Viewer } from './viewer.decorator';
import { AnswerMediatorChangeDto, ConflictAnswerDto, CreateMediatorChangeDto } from './dto/mediator-change.dto';
import { MediatorChangeService } from './mediator-change.service';
import { CurrentViewer } from './viewer.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

/** R10 (recusal after a disclosed conflict) and R11 (change of mediator). */
@ApiTags('cases')
@Controller('cases')
export class MediatorChangeController {
  constructor(private readonly changes: MediatorChangeService) {}

  @Post(':id/conflict-answer')
  @ApiOperation({ summary: 'R10: a party consents to the mediator who disclosed a conflict, or asks for recusal (with a reason)' })
  answerConflict(@Param('id', uuid) id: string, @Body() dto: ConflictAnswerDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.changes.answerConflict(id, dto, viewer);
  }

  @Get(':id/mediator-change-requests')
  @ApiOperation({ summary: 'R10, R11: requests for recusal or change of mediator the viewer may see (its own party’s; all for the dispatcher)' })
  list(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<MediatorChangeRequestView[]> {
    return this.changes.list(id, viewer);
  }

  @Post(':id/mediator-change-requests')
  @ApiOperation({ summary: 'R11: a party asks to change mediator, with a coded reason and a note; the dispatcher answers within 3 working days' })
  request(@Param('id', uuid) id: string, @Body() dto: CreateMediatorChangeDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.changes.requestChange(id, dto, viewer);
  }

  @Post(':id/mediator-change-requests/:requestId/answer')
  @ApiOperation({ summary: 'R10, R11: the dispatcher grants (removes the mediator and assigns another) or refuses with a reason' })
  answer(@Param('id', uuid) id: string, @Param('requestId', uuid) requestId: string, @Body() dto: AnswerMediatorChangeDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.changes.answer(id, requestId, dto, viewer);
  }
}
