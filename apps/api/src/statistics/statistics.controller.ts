import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StatisticsDashboard } from '@tiaojie/contracts';
import { monthBounds } from '@tiaojie/domain';
import type { Response } from 'express';
import { Roles } from '../accounts/auth.guard';
import { CurrentViewer, type Viewer } from '../cases/viewer.decorator';
import { AppException } from '../common/app-exception';
import { MonthlyReturnQueryDto, StatisticsQueryDto } from './dto';
import { StatisticsService } from './statistics.service';

const DAY_MS = 86_400_000;

/** A filter bound: a date is a China-local day (`to` up to the end of it), a date-time as given. */
function bound(value: string | undefined, end: boolean): Date | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00+08:00`);
    return end ? new Date(start.getTime() + DAY_MS) : start;
  }
  return new Date(value);
}

/** Issue #13: dashboards and the monthly return, scoped on the server to the viewer (statistics-scope.ts). */
@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('dashboard')
  @Roles('org_admin', 'bureau', 'judge', 'clerk', 'admin')
  @ApiOperation({ summary: 'Cases by state / dispute type / region / channel, success rate, time to settle, SLA, confirmation, complaints, per mediator (R39)' })
  async dashboard(@Query() q: StatisticsQueryDto, @CurrentViewer() viewer: Viewer): Promise<StatisticsDashboard> {
    const from = bound(q.from, false);
    const to = bound(q.to, true);
    if (from && to && from >= to) throw AppException.field('VALIDATION_FAILED', 'to', 'after_from', 'to must be after from');
    return this.statistics.dashboard(viewer, { from, to, organisationId: q.organisationId, mediatorId: q.mediatorId });
  }

  @Get('monthly-return')
  @Roles('org_admin', 'bureau', 'judge', 'clerk', 'admin')
  @ApiOperation({ summary: 'The monthly return (counts by dispute type × outcome; per mediator for 以案定补) as Excel or PDF' })
  async monthlyReturn(@Query() q: MonthlyReturnQueryDto, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const b = monthBounds(q.month);
    if (!b) throw AppException.field('VALIDATION_FAILED', 'month', 'month', 'month must be YYYY-MM');
    const format = q.format ?? 'xlsx';
    const bytes = await this.statistics.monthlyReturn(viewer, { from: b.from, to: b.to, organisationId: q.organisationId }, q.month, format);
    res.setHeader('Content-Type', format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Cache-Control', 'private, no-store');
    res.attachment(`monthly-return-${q.month}.${format}`);
    res.send(bytes);
  }
}
