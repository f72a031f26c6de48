export { type SignedIn, signIn, signUp } from './token-sign-in.js';
