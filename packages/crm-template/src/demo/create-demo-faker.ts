import type { Random } from '../create-random';
import { DEMO_VOCABULARY as V } from './demo-vocabulary';

export type DemoCompany = {
  /** 上海启明科技有限公司 */
  name: string;
  /** 启明科技 */
  shortName: string;
  city: string;
  region: string;
  industry: string;
  /** qiming-tech.com */
  domain: string;
};

export type DemoPerson = { name: string; gender: string; pinyin: string };

export type DemoFaker = {
  /** A company not produced before, in one of `regions` (any region when omitted). */
  company(regions?: readonly string[]): DemoCompany;
  person(): DemoPerson;
  /** A mainland mobile number (1[3-9] + 9 digits) not produced before: no demo record trips 撞单 checks. */
  mobile(): string;
  /** An address at the person's company domain, unique across the demo. */
  email(person: DemoPerson, domain: string): string;
  address(city: string): string;
};

/** Composes realistic Chinese names, numbers and addresses from DEMO_VOCABULARY, deterministically. */
export function createDemoFaker(random: Random): DemoFaker {
  const companies = new Set<string>();
  const mobiles = new Set<string>();
  const emails = new Set<string>();

  return {
    company(regions) {
      const cities = regions ? V.cities.filter(([, , region]) => regions.includes(region)) : V.cities;
      for (;;) {
        const [city, , region] = random.pick(cities);
        const [brand, brandPinyin] = random.pick(V.brands);
        const [trade, tradeSlug, industry] = random.pick(V.trades);
        const name = `${city}${brand}${trade}${random.pick(V.companySuffixes)}`;
        // Two cities may share a brand and trade, but one city never holds the same company twice.
        if (companies.has(`${city}${brand}${trade}`)) continue;
        companies.add(`${city}${brand}${trade}`);
        return { name, shortName: `${brand}${trade}`, city, region, industry, domain: `${brandPinyin}-${tradeSlug}.com` };
      }
    },
    person() {
      const [surname, surnamePinyin] = random.pick(V.surnames);
      const [given, givenPinyin, gender] = random.pick(V.givenNames);
      return { name: `${surname}${given}`, gender, pinyin: `${givenPinyin}.${surnamePinyin}` };
    },
    mobile() {
      for (;;) {
        const number = `${random.pick(V.mobilePrefixes)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
        if (mobiles.has(number)) continue;
        mobiles.add(number);
        return number;
      }
    },
    email(person, domain) {
      for (let n = 1; ; n += 1) {
        const address = `${person.pinyin}${n === 1 ? '' : n}@${domain}`;
        if (emails.has(address)) continue;
        emails.add(address);
        return address;
      }
    },
    address(city) {
      return `${city}市${random.pick(V.roads)}${random.int(1, 999)}号`;
    },
  };
}
