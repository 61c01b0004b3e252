// chartjs-adapter-date-fns ships no types; it is imported only for its side effect (registering the adapter).
declare module 'chartjs-adapter-date-fns';
