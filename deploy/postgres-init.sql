-- The engine keeps its own database beside Zhizhi's (run once, when the data volume is new).
CREATE DATABASE zhizhi_engine OWNER zhizhi;
