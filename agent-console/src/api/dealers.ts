/** Sales and service dealers: the network that repairs and visits on site. */
import { queryString, requestJson } from './http';

export interface NearbyDealer {
  id: string;
  code: string;
  name: string;
  province: string;
  city: string;
  address: string;
  phone: string | null;
  /** How the dealer matched the customer's place. */
  match: 'city' | 'province' | 'other';
  distanceKm: number | null;
}

/** Active service dealers for a customer's place: same city, then same province, then the rest. */
export async function nearestServiceDealers(place: {
  province: string;
  city: string;
}): Promise<NearbyDealer[]> {
  const { items } = await requestJson<{ items: NearbyDealer[] }>(
    `/api/dealers/nearest${queryString({ province: place.province || null, city: place.city || null, limit: 3 })}`,
  );
  return items;
}
