import { findCity, listDistricts } from '@platform/form-engine';
import type { Random } from '../create-random';
import { DEMO_VOCABULARY as V } from './demo-vocabulary';

export type DemoCompany = {
  /** 上海启明科技有限公司 */
  name: string;
  /** 启明科技 */
  shortName: string;
  city: string;
  /** 浙江省: the province of `city` in the shipped region data. */
  province: string;
  region: string;
  industry: string;
  /** qiming-tech.com */
  domain: string;
};

export type DemoPerson = { name: string; gender: string; pinyin: string };

/** An address field value: names from the shipped region data, then the street address. */
export type DemoAddress = { province: string; city: string; district: string | null; detail: string };

export type DemoFaker = {
  /** A company not produced before, in one of `regions` (any region when omitted). */
  company(regions?: readonly string[]): DemoCompany;
  person(): DemoPerson;
  /** A mainland mobile number (1[3-9] + 9 digits) not produced before: no demo record trips 撞单 checks. */
  mobile(): string;
  /** An address at the person's company domain, unique across the demo. */
  email(person: DemoPerson, domain: string): string;
  /** A street address in the company's city, at a district the region data lists for it. */
  address(company: DemoCompany): DemoAddress;
};

/**
 * The region data's city for a demo city: 杭州 -> 杭州市; a municipality (上海 in 上海市) is listed with
 * the placeholder city 市辖区 above its districts. Throws for a city the data does not hold.
 */
export function regionCity(province: string, city: string): string {
  if (findCity(province, `${city}市`)) return `${city}市`;
  if (province === `${city}市` && findCity(province, '市辖区')) return '市辖区';
  throw new RangeError(`${city} is not a city of ${province} in the region data`);
}

/** Composes realistic Chinese names, numbers and addresses from DEMO_VOCABULARY, deterministically. */
export function createDemoFaker(random: Random): DemoFaker {
  const companies = new Set<string>();
  const mobiles = new Set<string>();
  const emails = new Set<string>();

  return {
    company(regions) {
      const cities = regions ? V.cities.filter(([, , region]) => regions.includes(region)) : V.cities;
      for (;;) {
        const [city, , region, province] = random.pick(cities);
        const [brand, brandPinyin] = random.pick(V.brands);
        const [trade, tradeSlug, industry] = random.pick(V.trades);
        const name = `${city}${brand}${trade}${random.pick(V.companySuffixes)}`;
        // Two cities may share a brand and trade, but one city never holds the same company twice.
        if (companies.has(`${city}${brand}${trade}`)) continue;
        companies.add(`${city}${brand}${trade}`);
        return { name, shortName: `${brand}${trade}`, city, province, region, industry, domain: `${brandPinyin}-${tradeSlug}.com` };
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
    address(company) {
      const city = regionCity(company.province, company.city);
      const districts = listDistricts(company.province, city);
      const district = districts.length > 0 ? random.pick(districts).name : null;
      return { province: company.province, city, district, detail: `${random.pick(V.roads)}${random.int(1, 999)}号` };
    },
  };
}
