import { DataSource } from 'typeorm';
import { dataSourceOptions, openPglite } from './data-source';

/**
 * PGlite is one session: without the pool's lock, one request's COMMIT or ROLLBACK would
 * apply to another request's statements (PGlite is one session). These run two transactions at once.
 */
describe('embedded PGlite pool', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource({ ...dataSourceOptions({ pglite: await openPglite() }), migrations: [], entities: [] });
    await ds.initialize();
    await ds.query('CREATE TABLE probe (id int primary key, note text)');
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it("keeps one transaction's rollback from undoing another's rows", async () => {
    let releaseFirst!: () => void;
    const firstMayFinish = new Promise<void>((r) => (releaseFirst = r));
    const first = ds.transaction(async (m) => {
      await m.query('INSERT INTO probe VALUES (1, $1)', ['kept']);
      await firstMayFinish;
    });
    const second = ds
      .transaction(async (m) => {
        await m.query('INSERT INTO probe VALUES (2, $1)', ['rolled back']);
        throw new Error('boom');
      })
      .catch((e: Error) => e.message);
    setTimeout(releaseFirst, 50);
    await first;
    expect(await second).toBe('boom');
    const rows = await ds.query('SELECT id, note FROM probe ORDER BY id');
    expect(rows).toEqual([{ id: 1, note: 'kept' }]);
  });

  it('reports affected rows for UPDATE and DELETE like pg', async () => {
    await ds.query("INSERT INTO probe VALUES (10, 'a'), (11, 'b')");
    const updated = await ds.createQueryBuilder().update('probe').set({ note: 'c' }).where('id >= 10').execute();
    expect(updated.affected).toBe(2);
    const deleted = await ds.createQueryBuilder().delete().from('probe').where('id = 10').execute();
    expect(deleted.affected).toBe(1);
  });

  it('serialises many concurrent transactions without losing a row', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ds.transaction(async (m) => {
          await m.query('INSERT INTO probe VALUES ($1, $2)', [100 + i, 'x']);
          await m.query('UPDATE probe SET note = $1 WHERE id = $2', ['y', 100 + i]);
        }),
      ),
    );
    const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM probe WHERE id >= 100 AND note = 'y'");
    expect(n).toBe(20);
  });
});
