/** The folding lives in shared/ so main filters history the same way the views search. */
export { foldForSearch } from '../../../shared/textSearch';
