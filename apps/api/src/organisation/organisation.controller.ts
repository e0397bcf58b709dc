import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { parseLimit } from '../common/paging';
import { OrganisationService } from './organisation.service';

const userSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' }, name: { type: 'string' }, password: { type: 'string', writeOnly: true },
    departmentIds: { type: 'array', items: { type: 'string', format: 'uuid' } }, managerId: { type: 'string', format: 'uuid', nullable: true },
    roleIds: { type: 'array', items: { type: 'string', format: 'uuid' } }, active: { type: 'boolean' }, isAdmin: { type: 'boolean' },
  },
};
const departmentSchema = { type: 'object', properties: { name: { type: 'string' }, parentId: { type: 'string', nullable: true }, headUserId: { type: 'string', nullable: true } } };

@ApiTags('organisation')
@ApiBearerAuth()
@Controller()
export class OrganisationController {
  constructor(private readonly org: OrganisationService) {}

  @Get('users')
  @ApiOperation({ summary: 'List users (keyset paged by id); q searches username and name' })
  listUsers(@Query('after') after?: string, @Query('limit') limit?: string, @Query('q') q?: string) {
    return this.org.listUsers({ after, limit: parseLimit(limit), q: q || undefined });
  }

  @Post('users')
  @ApiOperation({ summary: 'Create a user (administrators)' })
  @ApiBody({ schema: userSchema })
  createUser(@CurrentUser() actor: RequestUser, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.org.createUser(actor, objectBody(body), ip);
  }

  @Get('users/:id')
  getUser(@Param('id') id: string) {
    return this.org.getUser(id);
  }

  @Patch('users/:id')
  @ApiBody({ schema: userSchema })
  updateUser(@CurrentUser() actor: RequestUser, @Param('id') id: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.org.updateUser(actor, id, objectBody(body), ip);
  }

  @Get('departments')
  @ApiOperation({ summary: 'All departments, flat, with parentId (a tree)' })
  listDepartments() {
    return this.org.listDepartments();
  }

  @Post('departments')
  @ApiBody({ schema: departmentSchema })
  createDepartment(@CurrentUser() actor: RequestUser, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.org.createDepartment(actor, objectBody(body), ip);
  }

  @Patch('departments/:id')
  @ApiBody({ schema: departmentSchema })
  updateDepartment(@CurrentUser() actor: RequestUser, @Param('id') id: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.org.updateDepartment(actor, id, objectBody(body), ip);
  }

  @Delete('departments/:id')
  @HttpCode(204)
  deleteDepartment(@CurrentUser() actor: RequestUser, @Param('id') id: string, @ClientIp() ip: string | null) {
    return this.org.deleteDepartment(actor, id, ip);
  }

  @Get('roles')
  listRoles() {
    return this.org.listRoles();
  }

  @Post('roles')
  @ApiBody({ schema: { type: 'object', properties: { name: { type: 'string' }, description: { type: 'string' } } } })
  createRole(@CurrentUser() actor: RequestUser, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.org.createRole(actor, objectBody(body), ip);
  }

  @Get('roles/:id')
  @ApiOperation({ summary: 'A role with its grants' })
  getRole(@Param('id') id: string) {
    return this.org.getRole(id);
  }

  @Patch('roles/:id')
  updateRole(@CurrentUser() actor: RequestUser, @Param('id') id: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.org.updateRole(actor, id, objectBody(body), ip);
  }

  @Delete('roles/:id')
  @HttpCode(204)
  deleteRole(@CurrentUser() actor: RequestUser, @Param('id') id: string, @ClientIp() ip: string | null) {
    return this.org.deleteRole(actor, id, ip);
  }

  @Put('roles/:id/grants')
  @ApiOperation({ summary: 'Replace the grants of a role (a bare array)' })
  @ApiBody({ schema: { type: 'array', items: { type: 'object', properties: { appKey: { type: 'string' }, formKey: { type: 'string' }, actions: { type: 'array', items: { type: 'string' } }, scope: { type: 'object' }, fields: { type: 'object' } } } } })
  replaceGrants(@CurrentUser() actor: RequestUser, @Param('id') id: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.org.replaceGrants(actor, id, body, ip);
  }
}
