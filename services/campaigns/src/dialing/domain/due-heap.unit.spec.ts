import fc from 'fast-check';
import { DueHeap } from './due-heap';

const SIZE = 32;
const operation = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), index: fc.integer({ min: 0, max: SIZE - 1 }), due: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant('remove' as const), index: fc.integer({ min: 0, max: SIZE - 1 }) }),
  fc.record({ kind: fc.constant('pop' as const) }),
);

describe('DueHeap', () => {
  it('always yields the earliest due index (lowest index on ties), like a sorted list', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        const due = new Float64Array(SIZE);
        const heap = new DueHeap(SIZE, due);
        const model = new Map<number, number>();
        const modelFirst = () => [...model.entries()].sort(([a, dueA], [b, dueB]) => dueA - dueB || a - b)[0]?.[0] ?? -1;
        for (const op of operations) {
          if (op.kind === 'upsert') {
            heap.upsert(op.index, op.due);
            model.set(op.index, op.due);
          } else if (op.kind === 'remove') {
            heap.remove(op.index);
            model.delete(op.index);
          } else {
            const first = heap.peek();
            expect(first).toBe(modelFirst());
            if (first >= 0) {
              heap.remove(first);
              model.delete(first);
            }
          }
          expect(heap.size).toBe(model.size);
          expect(heap.peek()).toBe(modelFirst());
        }
      }),
      { numRuns: 300 },
    );
  });
});
