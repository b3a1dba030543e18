import { Controller, Get } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { PublicCourt, PublicOrganisation } from '@tiaojie/contracts';
import { Repository } from 'typeorm';
import { takesNowByOrganisation } from './routing';
import { Public } from '../accounts/auth.guard';
import { Court } from './court.entity';
import { Organisation } from './organisation.entity';

/** Public profiles of organisations and courts (R05). */
@ApiTags('organisations')
@Controller()
@Public()
export class OrganisationsController {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Court) private readonly courts: Repository<Court>,
  ) {}

  @Get('organisations')
  async list(): Promise<PublicOrganisation[]> {
    const rows = await this.organisations.find({ relations: { court: true }, order: { name: 'ASC' } });
    const takes = await takesNowByOrganisation(this.organisations.manager, rows);
    return rows.map((o) => ({
      id: o.id,
      name: o.name,
      nameEn: o.nameEn || null, // issue #11: English where the admin gave it
      type: o.type,
      region: o.region,
      courtId: o.courtId,
      courtName: o.court?.name ?? null,
      chargesFees: o.chargesFees,
      // R35: an organisation that charges shows its fees.
      feeSchedule: o.chargesFees ? o.feeSchedule : '',
      disputeTypes: o.disputeTypes,
      regions: o.regions,
      takesNow: takes.get(o.id) ?? [],
      description: o.description,
      descriptionEn: o.descriptionEn || null,
      courtCaseKinds: o.courtCaseKinds, // R21: the court-brought kinds it takes
    }));
  }

  @Get('courts')
  async listCourts(): Promise<PublicCourt[]> {
    const rows = await this.courts.find({ order: { name: 'ASC' } });
    return rows.map((c) => ({ id: c.id, name: c.name, region: c.region }));
  }
}
