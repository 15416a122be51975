"""Vocabulary of the synthetic county: names, honours, situations (sample data, not messages)."""

from __future__ import annotations

# Common surnames of north-western Shanxi (吕梁), most frequent first.
SURNAMES: tuple[str, ...] = tuple(
    "王 李 张 刘 高 杨 白 郝 贺 任 孙 武 康 冯 乔 薛 田 苏 郭 马 韩 霍 温 樊 闫 赵 牛 尹 曹 崔 吕 贾 侯 秦 雷 段 陈 胡 梁 宋 程 卫 边 折 穆 亢 麻 渠 奥 孟".split()
)

MALE_GIVEN_OLD: tuple[str, ...] = tuple(
    "建平 建军 建国 志强 志刚 海军 海平 俊峰 俊明 文斌 国庆 国栋 新民 新生 永平 玉明 宝山 宝林 云飞 亚军 小平 卫东 红军 保平 福生 润生 三虎 拴柱 来福 有才 满仓 继文 耀武 占奎 明亮 二明 金锁 树林 成 军 平 斌 强 忠".split()
)
MALE_GIVEN_YOUNG: tuple[str, ...] = tuple(
    "鹏飞 浩 宇 晨阳 子豪 磊 鑫 超 伟 涛 喆 堃 亮亮 晓东 俊杰 家乐 泽宇 博 嘉豪 宏伟".split()
)
FEMALE_GIVEN_OLD: tuple[str, ...] = tuple(
    "玉兰 桂花 秀英 丽娟 红梅 春花 翠萍 彩霞 海燕 美玲 艳芳 丽萍 雪梅 小红 亚琴 瑞芳 金凤 银娥 爱娥 桂娥 润莲 改兰".split()
)
FEMALE_GIVEN_YOUNG: tuple[str, ...] = tuple(
    "晓燕 佳琪 雨欣 欣怡 婷 慧敏 静 丹丹 娜 瑶 梦瑶 思琪".split()
)

# Area codes of first registration: Xing County (141123 since 2003, 142325 before),
# and a few other Shanxi districts people moved in from.
AREA_CODES: tuple[tuple[str, int], ...] = (
    ("141123", 55),
    ("142325", 35),
    ("141102", 4),  # 离石区
    ("140105", 2),  # 太原 小店区
    ("141124", 2),  # 临县
    ("141125", 2),  # 柳林县
)

POLITICS: tuple[tuple[str, int], ...] = (
    ("中共党员", 80),
    ("中共预备党员", 3),
    ("群众", 15),
    ("共青团员", 2),
)
EDUCATION_OLD: tuple[tuple[str, int], ...] = (
    ("初中", 30),
    ("高中", 35),
    ("中专", 15),
    ("大专", 15),
    ("本科", 5),
)
EDUCATION_YOUNG: tuple[tuple[str, int], ...] = (
    ("高中", 10),
    ("中专", 10),
    ("大专", 40),
    ("本科", 38),
    ("研究生", 2),
)
PHONE_PREFIXES: tuple[str, ...] = tuple(
    "134 135 136 137 138 139 150 151 152 157 158 159 182 183 187 188 130 131 132 155 156 185 186 133 153 180 189 177 199".split()
)

# Honour titles by level; "{township}" is filled for 乡镇级.
HONOUR_TITLES: dict[str, tuple[str, ...]] = {
    "乡镇级": ("{township}优秀村干部", "{township}先进工作者", "{township}优秀网格员"),
    "县级": (
        "兴县优秀共产党员",
        "兴县优秀党务工作者",
        "兴县脱贫攻坚先进个人",
        "兴县乡村振兴先进个人",
        "兴县疫情防控先进个人",
        "兴县优秀村党组织书记",
        "兴县人居环境整治先进个人",
    ),
    "市级": ("吕梁市优秀共产党员", "吕梁市脱贫攻坚模范", "吕梁市优秀党务工作者", "吕梁市劳动模范"),
    "省级": ("山西省脱贫攻坚先进个人", "山西省优秀共产党员", "山西省劳动模范"),
    "国家级": ("全国脱贫攻坚先进个人", "全国优秀共产党员"),
}
HONOUR_LEVEL_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("乡镇级", 20),
    ("县级", 50),
    ("市级", 20),
    ("省级", 8),
    ("国家级", 2),
)
HONOUR_DOC_PREFIX: dict[str, str] = {
    "乡镇级": "{abbr}党发",
    "县级": "兴发",
    "市级": "吕发",
    "省级": "晋发",
    "国家级": "中发",
}

SITUATIONS: dict[str, tuple[str, ...]] = {
    "考核问责": (
        "重点任务未按期完成",
        "季度考核排名末位",
        "网格管理不到位被通报",
        "专项行动推进迟缓",
    ),
    "负面情形": (
        "信访问题越级上访",
        "发生安全生产事故",
        "履职不力被通报批评",
        "疫情防控措施落实不到位",
    ),
    "违纪违法": (
        "违规发放补贴",
        "优亲厚友",
        "挪用集体资金",
        "侵占集体资产",
        "违规收受礼金",
        "职务侵占",
    ),
}
# 处理结果 of the measures that do not interpret it (kept as free text, often blank).
FREE_OUTCOMES: tuple[str, ...] = ("通报批评", "诫勉谈话", "约谈提醒")
DEDUCTION_DOC_PREFIX: dict[str, str] = {
    "考核问责": "兴组通",
    "负面情形": "兴办通",
    "违纪违法": "兴纪发",
}

PROGRESS_NOTES: tuple[str, ...] = (
    "已上报佐证材料",
    "资金已到位",
    "待县级验收",
    "正在组织实施",
    "已召开专题会议",
    "受疫情影响延后",
)
