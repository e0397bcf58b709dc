import { Module } from '@nestjs/common';
import { Db } from '../database/database';
import type { Settings } from './settings';

export const SETTINGS = Symbol('SETTINGS');
export const CLOCK = Symbol('CLOCK');

/** Time as the platform sees it; tests inject their own. */
export type Clock = { now: () => Date };

export type CoreDeps = { db: Db; settings: Settings; clock?: Clock };

let current: CoreDeps | undefined;

/** Called once before the Nest application is created, with the opened database and settings. */
export function provideCore(deps: CoreDeps): void {
  current = deps;
}

function core(): CoreDeps {
  if (!current) throw new Error('provideCore() must run before the application module is created');
  return current;
}

/** The database, settings and clock, shared by every feature module that imports this one. */
@Module({
  providers: [
    { provide: Db, useFactory: () => core().db },
    { provide: SETTINGS, useFactory: () => core().settings },
    { provide: CLOCK, useFactory: () => core().clock ?? { now: () => new Date() } },
  ],
  exports: [Db, SETTINGS, CLOCK],
})
export class CoreModule {}
