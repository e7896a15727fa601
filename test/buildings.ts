/** A building of the base data for the patrol suites: written straight to the database. */
import type { Db } from '../lib/db';
import { buildingCode, communityDivisionCode, defaultAddressScheme } from '../lib/address-code';

/**
 * A building of 海旺社区 in its first grid at the position given, with a fresh sequence (and so a
 * fresh code) each call: suites share a database with others that may add buildings too.
 */
export async function testBuilding(db: Db, at: { lat: number; lng: number }, name = '巡查测试') {
  const scheme = defaultAddressScheme();
  const community = await db.org.findUniqueOrThrow({ where: { id: 'BA-XA-C01' } });
  const seq = 100_000 + Math.floor(Math.random() * 800_000);
  const address = `海旺社区海秀路${seq}号`;
  return db.building.create({
    data: {
      code: buildingCode(scheme, communityDivisionCode(scheme, 1, 1), seq),
      orgId: community.id,
      orgPath: community.path,
      seq,
      gridId: 'BA-XA-C01-G01',
      gridPath: `${community.path}BA-XA-C01-G01/`,
      name: `${name}${seq}栋`,
      address,
      searchText: address,
      ...at,
    },
  });
}

/** A well-formed building code of another district (440307, 龙岗区): refused here. */
export const otherDistrictCode = () => {
  const scheme = defaultAddressScheme('440307');
  return buildingCode(scheme, communityDivisionCode(scheme, 1, 1), 5);
};
