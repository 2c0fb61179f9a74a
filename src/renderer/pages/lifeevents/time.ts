// Today's month in China time, for the pages' default month.
import { thisMonth } from '../../../shared/time';

export const thisMonthCn = (): string => thisMonth(new Date());
