// `claim` arrives with the claims issue (issue 6); until then the command says so plainly.
export async function claimCommand(_args: string[]): Promise<number> {
  process.stderr.write('Kommandoen "claim" er endnu ikke tilgængelig i denne version.\n');
  return 69;
}
