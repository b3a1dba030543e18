// Root jest config: every project with a jest.config.ts is a jest project.
// `npm test` runs through Nx (one target per project); `npx jest` from the root runs them all.
export default {
  projects: ['<rootDir>/libs/domain', '<rootDir>/libs/contracts', '<rootDir>/apps/api'],
};
