import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MyNextAction } from '@tiaojie/contracts';
import type { Viewer } from './viewer.decorator';
import { NextActionsService } from './next-actions.service';
import { CurrentViewer } from './viewer.decorator';

@ApiTags('cases')
@Controller('me/actions')
export class NextActionsController {
  constructor(private readonly next: NextActionsService) {}

  @Get()
  @ApiOperation({ summary: '"需要您处理": the viewer’s next steps on its open cases, each with its deadline (the case page’s own actions)' })
  list(@CurrentViewer() viewer: Viewer): Promise<MyNextAction[]> {
    return this.next.mine(viewer);
  }
}
