// How much a word, rule or frame counts where the writer turns away from it.
/** Inside a clause the writer concedes ("despite weak sales, profit rose"). */
export const DISCOUNT = 0.5;
/** Before "but", "however", "yet": the writer is turning away from it, so it counts for less than a conceded clause. */
export const CONTRAST_DISCOUNT = 0.3;
