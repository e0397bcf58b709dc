import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppPackagesController } from './app-packages/app-packages.controller';
import { AppPackagesService } from './app-packages/app-packages.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { CommentsController } from './comments/comments.controller';
import { CommentsService } from './comments/comments.service';
import { TokensController } from './auth/tokens.controller';
import { CoreModule } from './common/core.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { InvalidationService } from './events/invalidation.service';
import { OutboxRelayService } from './events/outbox-relay.service';
import { FilesController } from './files/files.controller';
import { FilesModule } from './files/files.module';
import { FlowsController } from './flows/flows.controller';
import { FlowsService } from './flows/flows.service';
import { HandoverController } from './handover/handover.controller';
import { HandoverService } from './handover/handover.service';
import { HealthController } from './health/health.controller';
import { JobsController } from './jobs/jobs.controller';
import { JobsService } from './jobs/jobs.service';
import { FormRetypeService } from './metadata/form-retype.service';
import { AppDraftsController } from './metadata/app-drafts.controller';
import { AppDraftsService } from './metadata/app-drafts.service';
import { MetadataController } from './metadata/metadata.controller';
import { MetadataService } from './metadata/metadata.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OrganisationController } from './organisation/organisation.controller';
import { OrganisationService } from './organisation/organisation.service';
import { GrantsService } from './permissions/grants.service';
import { RecordsController } from './records/records.controller';
import { RecordsService } from './records/records.service';
import { RecordsExportService } from './records/records-export.service';
import { RecordsImportService } from './records/records-import.service';
import { RecordsBulkController } from './records/records-bulk.controller';
import { RecordsBulkService } from './records/records-bulk.service';
import { ViewsController } from './views/views.controller';
import { ViewsService } from './views/views.service';

@Module({
  imports: [CoreModule, FilesModule],
  controllers: [
    HealthController, AuthController, TokensController, OrganisationController, MetadataController, AppDraftsController,
    RecordsController, AppPackagesController, AuditController, JobsController, EventsController, HandoverController, FlowsController,
    FilesController, ViewsController, RecordsBulkController, NotificationsController, CommentsController,
  ],
  providers: [
    AuditService, AuthService, JobsService, EventsService, InvalidationService, OutboxRelayService, FormRetypeService, OrganisationService, GrantsService, MetadataService, AppDraftsService, RecordsService, RecordsExportService, RecordsImportService, AppPackagesService, HandoverService, FlowsService, ViewsService, RecordsBulkService, NotificationsService, CommentsService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class AppModule {}
