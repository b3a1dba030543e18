import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminOrganisationsController } from './admin-organisations.controller';
import { Court } from './court.entity';
import { Membership } from './membership.entity';
import { OrganisationAdminService } from './organisation-admin.service';
import { Organisation } from './organisation.entity';
import { OrganisationsController } from './organisations.controller';
import { ConsultationController } from './consultation.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Court, Membership])],
  controllers: [OrganisationsController, ConsultationController, AdminOrganisationsController],
  providers: [OrganisationAdminService],
  exports: [TypeOrmModule],
})
export class OrganisationsModule {}
