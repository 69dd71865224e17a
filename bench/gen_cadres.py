#!/usr/bin/env python3
"""bench: write units.csv and cadres.csv (N rows, default 200,000) of made-up cadres into DIR.

usage: gen_cadres.py DIR [N]   (deterministic: seed 1)
"""
import random, sys

def main():
    out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200000
    random.seed(1)
    fam = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý']
    mid = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Xuân', 'Thu']
    giv = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hùng', 'Hương', 'Lan', 'Long', 'Mai', 'Nam', 'Ổn', 'Phúc', 'Quang',
           'Sơn', 'Tâm', 'Thảo', 'Uyên', 'Vinh', 'Yến']
    units = ['U%03d' % i for i in range(200)]
    with open(f'{out}/units.csv', 'w') as f:
        f.write('code,name,level,parent_code\nROOT,Thành phố,district,\n')
        for u in units:
            f.write(f'{u},Xã số {u[1:]},commune,ROOT\n')
    deg = ['dai_hoc', 'thac_si', 'cao_dang', 'trung_cap', '']
    with open(f'{out}/cadres.csv', 'w') as f:
        f.write('code,full_name,gender,birth_date,unit_code,hometown,birthplace,ethnicity,religion,party_join_date,'
                'party_official_date,education,degree,major,llct_level,qlnn_level,notes\n')
        for i in range(n):
            name = f'{random.choice(fam)} {random.choice(mid)} {random.choice(giv)}'
            y = random.randint(1960, 2000)
            f.write(f'B{i:06d},{name},{random.choice("MF")},{y}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d},'
                    f'{random.choice(units)},Hải Xuân,Móng Cái,Kinh,Không,,,12/12,{random.choice(deg)},Luật,trung_cap,'
                    'chuyen_vien,\n')

if __name__ == '__main__':
    main()
