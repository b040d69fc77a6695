import { categoryOf, streamId } from './stream-id';

describe('stream ids', () => {
  it('joins a snake_case category and an id with the first dash', () => {
    expect(streamId('billing_account', '7f3a-11')).toBe('billing_account-7f3a-11');
    expect(categoryOf('billing_account-7f3a-11')).toBe('billing_account');
  });

  it('refuses a category KurrentDB would split', () => {
    expect(() => streamId('billing-account', '1')).toThrow('Invalid stream category');
  });
});
