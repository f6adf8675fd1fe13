package kg.evpower.console.fx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javafx.collections.ModifiableObservableListBase;

/**
 * An observable list that can replace many elements as one change. A thousand live updates then reach the filtered,
 * sorted and mapped views as a single change event in one pulse, not a thousand.
 */
public final class BatchList<E> extends ModifiableObservableListBase<E> {

    private final List<E> items = new ArrayList<>();

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    protected void doAdd(int index, E element) {
        items.add(index, element);
    }

    @Override
    protected E doSet(int index, E element) {
        return items.set(index, element);
    }

    @Override
    protected E doRemove(int index) {
        return items.remove(index);
    }

    /** Replaces the elements at the given indexes and appends the new ones, as one change. */
    public void apply(Collection<Map.Entry<Integer, E>> replacements, Collection<E> additions) {
        apply(replacements, additions, new int[0]);
    }

    /**
     * Tells listeners that the elements at these indexes changed inside (mutable elements), as one change: a
     * filtered view tests them again, a sorted view moves them to their place.
     */
    public void updated(int[] indexes) {
        beginChange();
        try {
            for (int i : indexes) {
                nextUpdate(i);
            }
        } finally {
            endChange();
        }
    }

    /**
     * Replaces the elements at the given indexes, appends the new ones and then removes the elements at
     * {@code removals} (indexes before this change, none of them replaced), as one change.
     */
    public void apply(Collection<Map.Entry<Integer, E>> replacements, Collection<E> additions, int[] removals) {
        beginChange();
        try {
            for (Map.Entry<Integer, E> r : replacements) {
                set(r.getKey(), r.getValue());
            }
            for (E e : additions) {
                add(e);
            }
            int[] sorted = removals.clone();
            java.util.Arrays.sort(sorted);
            for (int i = sorted.length - 1; i >= 0; i--) {
                remove(sorted[i]);
            }
        } finally {
            endChange();
        }
    }
}
