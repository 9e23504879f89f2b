/* SPDX-License-Identifier: MIT
 *
 * state.c - what a benchmark body calls: the timed-region API
 * (CBENCH_ITER, manual timer, batched setup) and its accessors.
 */
#include "measure/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/clock.h"
#include "measure/team.h"
#include "model/result.h"

/* Starts a timed region: observers first, clock last, so the clock does
 * not include the observers' cost. */
static void region_begin(cbench_state *b)
{
    if (b->armed && b->hooks != NULL && b->hooks->begin != NULL)
        b->hooks->begin(b->hooks->ctx);
    b->timing = 1;
    b->regions++;
    if (b->team != NULL) {         /* threads start together (measure/team.c) */
        b->t_start = cbench__team_region_begin(b);
        return;
    }
    b->t_start = cbench_clock_now_ns();
}

static void region_end(cbench_state *b)
{
    uint64_t t = cbench_clock_now_ns();
    if (!b->timing)
        return;
    b->elapsed_ns += t - b->t_start;
    b->timing = 0;
    if (b->team != NULL)
        cbench__team_region_end(b);
    if (b->armed && b->hooks != NULL && b->hooks->end != NULL)
        b->hooks->end(b->hooks->ctx, b->counters);
}

uint64_t cbench__iter_begin(cbench_state *b)
{
    region_begin(b);
    return b->iters;
}

void cbench__iter_end(cbench_state *b) { region_end(b); }

uint64_t cbench_iterations(const cbench_state *b) { return b->iters; }

void cbench_timer_start(cbench_state *b)
{
    if (!b->timing)
        region_begin(b);
}

void cbench_timer_stop(cbench_state *b) { region_end(b); }

/* Inputs per batch: enough to amortise the clock reads, few enough to
 * stay cache-friendly (at most ~1 MiB of inputs, at most 4096). */
static uint64_t batch_size(size_t input_size, uint64_t remaining)
{
    uint64_t cap = input_size > 0 ? (1u << 20) / input_size : 4096;
    if (cap > 4096)
        cap = 4096;
    if (cap < 1)
        cap = 1;
    return remaining < cap ? remaining : cap;
}

void cbench_iter_batched(cbench_state *b, size_t input_size,
                         cbench_batch_setup_fn setup,
                         cbench_batch_routine_fn routine,
                         cbench_batch_routine_fn teardown, void *ctx)
{
    size_t stride = input_size ? input_size : 1;
    uint64_t remaining = b->iters;
    uint64_t cap = batch_size(input_size, remaining);
    unsigned char *inputs = malloc(stride * (size_t)(cap ? cap : 1));
    if (inputs == NULL) {
        cbench_skip(b, "cbench_iter_batched: out of memory for the input batch");
        return;
    }
    while (remaining > 0) {
        uint64_t k = batch_size(input_size, remaining);
        for (uint64_t i = 0; i < k; i++)
            setup(inputs + i * stride, ctx);
        region_begin(b);
        for (uint64_t i = 0; i < k; i++)
            routine(inputs + i * stride, ctx);
        region_end(b);
        if (teardown != NULL)
            for (uint64_t i = 0; i < k; i++)
                teardown(inputs + i * stride, ctx);
        remaining -= k;
    }
    free(inputs);
}

int64_t cbench_param(const cbench_state *b)
{
    return b->inst->has_param ? b->inst->param : 0;
}

/* Fails the benchmark: its round ends with 'why' as the error. The state
 * is the engine's own, so the const of the accessors is cast away here. */
static void fail_benchmark(const cbench_state *b, const char *why)
{
    cbench_state *w = (cbench_state *)b;
    if (w->failed)
        return;
    w->failed = 1;
    snprintf(w->fail_reason, sizeof w->fail_reason, "%s", why);
}

int64_t cbench_param_named(const cbench_state *b, const char *name)
{
    const cbench_options *o = &b->inst->bench->opt;
    char why[240], have[CBENCH_PARAM_MAX] = "";
    for (size_t i = 0; i < b->inst->n_axes; i++) {
        if (name != NULL && strcmp(o->axes[i].name, name) == 0)
            return b->inst->axis[i];
        size_t at = strlen(have);
        snprintf(have + at, sizeof have - at, "%s'%s'", i ? ", " : "", o->axes[i].name);
    }
    if (b->inst->n_axes == 0)
        snprintf(why, sizeof why, "cbench_param_named(\"%.40s\"): the benchmark has no axes "
                 "(CBENCH_AXES); cbench_param() gives its parameter", name ? name : "(null)");
    else
        snprintf(why, sizeof why, "cbench_param_named(\"%.40s\"): no such axis; it has %s",
                 name ? name : "(null)", have);
    fail_benchmark(b, why);
    return 0;
}

void *cbench_user_data(const cbench_state *b) { return b->user_data; }

void cbench_set_user_data(cbench_state *b, void *data) { b->user_data = data; }

/* The last kind declared is the headline; the other one, when declared
 * before, stays beside it (cbench.h). */
static void set_throughput(cbench_state *b, cbench_throughput_kind kind, double per_iter)
{
    if (b->throughput != kind && b->throughput != CBENCH_THROUGHPUT_NONE)
        b->other_per_iter = b->throughput_per_iter;
    b->throughput = kind;
    b->throughput_per_iter = per_iter;
}

void cbench_set_bytes(cbench_state *b, double bytes_per_iter)
{
    set_throughput(b, CBENCH_THROUGHPUT_BYTES, bytes_per_iter);
}

void cbench_set_elements(cbench_state *b, double elems_per_iter)
{
    set_throughput(b, CBENCH_THROUGHPUT_ELEMENTS, elems_per_iter);
}

int cbench_skip(cbench_state *b, const char *reason)
{
    b->skipped = 1;
    strncpy(b->skip_reason, reason ? reason : "skipped", sizeof b->skip_reason - 1);
    b->skip_reason[sizeof b->skip_reason - 1] = '\0';
    return 1;
}

const char *cbench_id(const cbench_state *b) { return b->inst->id; }

unsigned cbench_thread_index(const cbench_state *b) { return b->thread_index; }

unsigned cbench_thread_count(const cbench_state *b)
{
    return b->inst->threads > 0 ? b->inst->threads : 1;
}

int cbench_counter(cbench_state *b, const char *name, double value, unsigned flags)
{
    if (b == NULL || b->ucount == NULL)
        return CBENCH_EINVAL;
    return cbench__ucount_record(b->ucount, name, value, flags, !b->in_body);
}

#if !defined(__GNUC__)
void cbench__escape(const volatile void *p) { (void)p; }
#endif
