/* SPDX-License-Identifier: MIT
 * A user's benchmark: summing the same numbers from a linked list and from
 * an array. The list is the group's reference, so the array is reported as
 * a ratio to it. tests/consumer.sh makes list_sum slower on a branch, and
 * the README's workflow must catch it. */
#include <stdlib.h>

#include <cbench.h>

typedef struct node {
    struct node *next;
    float value;
} node;

typedef struct data {
    float *array;
    node *nodes, *head;
} data;

static float array_sum(const float *v, size_t n)
{
    float s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

static float list_sum(const node *p)
{
    float s = 0;
    for (; p != NULL; p = p->next)
        s += p->value;
    return s;
}

static void free_data(data *d)
{
    if (d != NULL) {
        free(d->array);
        free(d->nodes);
        free(d);
    }
}

static void drop(cbench_state *b) { free_data(cbench_user_data(b)); }

/* The nodes are linked in a shuffled order, as a list built over time is. */
static int make(cbench_state *b)
{
    size_t n = (size_t)cbench_param(b);
    data *d = calloc(1, sizeof *d);
    size_t *order = malloc(n * sizeof *order);
    if (d != NULL) {
        d->array = malloc(n * sizeof *d->array);
        d->nodes = malloc(n * sizeof *d->nodes);
    }
    if (d == NULL || order == NULL || d->array == NULL || d->nodes == NULL) {
        free(order);
        free_data(d);
        return cbench_skip(b, "out of memory");
    }
    unsigned x = 12345;
    for (size_t i = 0; i < n; i++) {
        d->array[i] = (float)i;
        order[i] = i;
    }
    for (size_t i = n - 1; i > 0; i--) {
        x = x * 1103515245u + 12345u;
        size_t j = x % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < n; i++) {
        d->nodes[order[i]].value = (float)i;
        d->nodes[order[i]].next = i + 1 < n ? &d->nodes[order[i + 1]] : NULL;
    }
    d->head = &d->nodes[order[0]];
    free(order);
    cbench_set_user_data(b, d);
    cbench_set_bytes(b, (double)(n * sizeof(float)));
    return 0;
}

static void list(cbench_state *b)
{
    const data *d = cbench_user_data(b);
    CBENCH_ITER(b) {
        cbench_do_not_optimize(list_sum(d->head));
    }
}

static void array(cbench_state *b)
{
    const data *d = cbench_user_data(b);
    size_t n = (size_t)cbench_param(b);
    CBENCH_ITER(b) {
        cbench_do_not_optimize(array_sum(d->array, n));
    }
}

CBENCH(sum, list, CBENCH_PARAMS(1024, 65536), CBENCH_QUICK_PARAMS(1024),
       .setup = make, .teardown = drop, .reference = 1)
CBENCH(sum, array, CBENCH_PARAMS(1024, 65536), CBENCH_QUICK_PARAMS(1024),
       .setup = make, .teardown = drop)

CBENCH_MAIN()
